import type { StackRecord } from "@procella/stacks";
import { type Role, roleAtLeast } from "@procella/types";

import type { UpdateView } from "./update.ts";

/** A stack in listings: names, tags, counts and its latest update. */
export interface StackSummaryView {
  id: string;
  org: string;
  project: string;
  stack: string;
  tags: Record<string, string>;
  version: number;
  resourceCount: number;
  /** End time of the latest finished update. */
  lastUpdatedAt: string | null;
  activeUpdate: { id: string; kind: string; requestedBy: string; startedAt: string } | null;
  /** The newest update in any state; null when the stack was never updated. */
  latestUpdate: UpdateView | null;
}

/** Actions the caller's role allows on a stack; the server checks the role again on each action. */
export interface StackPermissions {
  role: Role;
  canEditTags: boolean;
  canCancelUpdate: boolean;
  canDelete: boolean;
}

export function toStackSummaryView(stack: StackRecord, latestUpdate: UpdateView | null): StackSummaryView {
  const operation = stack.activeOperation;
  return {
    id: stack.id,
    org: stack.orgName,
    project: stack.projectName,
    stack: stack.stackName,
    tags: stack.tags,
    version: stack.version,
    resourceCount: stack.resourceCount,
    lastUpdatedAt: stack.lastUpdateAt?.toISOString() ?? null,
    activeUpdate: operation
      ? {
          id: operation.updateId,
          kind: operation.kind,
          requestedBy: operation.requestedBy,
          startedAt: operation.startedAt.toISOString(),
        }
      : null,
    latestUpdate,
  };
}

export function stackPermissions(role: Role): StackPermissions {
  return {
    role,
    canEditTags: roleAtLeast(role, "member"),
    canCancelUpdate: roleAtLeast(role, "member"),
    canDelete: roleAtLeast(role, "admin"),
  };
}
