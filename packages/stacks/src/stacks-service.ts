import type { Caller } from "@procella/types";

/** The three names that address a stack in the Pulumi service API. */
export interface StackRef {
  orgName: string;
  projectName: string;
  stackName: string;
}

export interface ActiveOperation {
  updateId: string;
  kind: string;
  requestedBy: string;
  /** When the update started, or was created when it has not started yet. */
  startedAt: Date;
}

export interface StackRecord extends StackRef {
  /** Stable id; survives renames. */
  id: string;
  tags: Record<string, string>;
  version: number;
  resourceCount: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  /** End time of the latest finished non-dry-run update. */
  lastUpdateAt?: Date;
  activeOperation?: ActiveOperation;
}

export interface ListStacksFilter {
  /** Organizations the caller may see; stacks of other organizations are never returned. */
  visibleOrgs: readonly string[];
  organization?: string;
  project?: string;
  tagName?: string;
  tagValue?: string;
  /** Case-insensitive substring of the stack or project name (dashboard search). */
  search?: string;
  continuationToken?: string;
  pageSize: number;
}

export interface ListStacksResult {
  stacks: StackRecord[];
  continuationToken?: string;
}

export interface CreateStackInput {
  tags?: Record<string, string>;
}

/** Stack metadata: creation, lookup, listing, tags, rename and deletion. */
export interface StacksService {
  createStack(caller: Caller, ref: StackRef, input: CreateStackInput): Promise<StackRecord>;
  /** Throws NotFoundError naming the stack when it does not exist. */
  getStack(ref: StackRef): Promise<StackRecord>;
  getStackById(id: string): Promise<StackRecord>;
  listStacks(filter: ListStacksFilter): Promise<ListStacksResult>;
  projectExists(orgName: string, projectName: string): Promise<boolean>;
  replaceTags(ref: StackRef, tags: Record<string, string>): Promise<void>;
  /** Renames within the organization; throws ConflictError when the target name is taken. */
  renameStack(ref: StackRef, target: { projectName: string; stackName: string }): Promise<StackRecord>;
  /**
   * Deletes the stack with its history. Without `force` a stack that still has
   * resources or an active update is kept and a BadRequestError is thrown.
   */
  deleteStack(ref: StackRef, options: { force: boolean }): Promise<void>;
}
