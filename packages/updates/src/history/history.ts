import { and, desc, eq, isNotNull } from "drizzle-orm";

import { updates } from "@procella/db";
import type { StackRecord } from "@procella/stacks";
import { NotFoundError } from "@procella/types";

import type { UpdatesContext } from "../context.ts";
import { toUpdateRecord } from "../lifecycle/to-record.ts";
import { assertUpdateId } from "../lifecycle/update-id.ts";
import type { UpdateRecord } from "../updates-service.ts";

const maxPageSize = 1000;

function paging(options: { page?: number; pageSize?: number }): { limit: number; offset: number } {
  const pageSize = Math.min(Math.max(options.pageSize ?? maxPageSize, 1), maxPageSize);
  const page = Math.max(options.page ?? 1, 1);
  return { limit: pageSize, offset: (page - 1) * pageSize };
}

async function listUpdates(
  context: UpdatesContext,
  stack: StackRecord,
  dryRun: boolean,
  options: { page?: number; pageSize?: number },
): Promise<UpdateRecord[]> {
  const { limit, offset } = paging(options);
  const rows = await context.db
    .select()
    .from(updates)
    // Updates that never started (another one held the stack, or the CLI died) are not history.
    .where(and(eq(updates.stackId, stack.id), eq(updates.dryRun, dryRun), isNotNull(updates.startedAt)))
    .orderBy(desc(updates.createdAt), desc(updates.id))
    .limit(limit)
    .offset(offset);
  return rows.map(toUpdateRecord);
}

/** Real runs (updates, refreshes, destroys, imports, renames), newest first; the CLI tracks previews separately. */
export function listHistory(context: UpdatesContext, stack: StackRecord, options: { page?: number; pageSize?: number }) {
  return listUpdates(context, stack, false, options);
}

export function listPreviews(context: UpdatesContext, stack: StackRecord, options: { page?: number; pageSize?: number }) {
  return listUpdates(context, stack, true, options);
}

export async function latestUpdate(context: UpdatesContext, stack: StackRecord): Promise<UpdateRecord | undefined> {
  const [latest] = await listHistory(context, stack, { page: 1, pageSize: 1 });
  return latest;
}

export async function getUpdate(context: UpdatesContext, stack: StackRecord, updateId: string): Promise<UpdateRecord> {
  assertUpdateId(updateId);
  const [row] = await context.db
    .select()
    .from(updates)
    .where(and(eq(updates.id, updateId), eq(updates.stackId, stack.id)))
    .limit(1);
  if (!row) {
    throw new NotFoundError(`Update '${updateId}' not found.`);
  }
  return toUpdateRecord(row);
}

export async function getUpdateByVersion(context: UpdatesContext, stack: StackRecord, version: number): Promise<UpdateRecord> {
  const [row] = await context.db
    .select()
    .from(updates)
    .where(and(eq(updates.stackId, stack.id), eq(updates.version, version), eq(updates.dryRun, false)))
    .limit(1);
  if (!row) {
    throw new NotFoundError(`Update with version ${version} not found.`);
  }
  return toUpdateRecord(row);
}
