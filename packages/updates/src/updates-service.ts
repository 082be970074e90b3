import type { StackRecord, StackRef } from "@procella/stacks";
import type { Caller } from "@procella/types";

export type UpdateKind = "update" | "preview" | "refresh" | "destroy" | "import" | "rename" | "resource-import";
export type UpdateStatus = "not-started" | "in-progress" | "succeeded" | "failed" | "cancelled";

/** One update as stored: what the CLI ran, who ran it, and how it ended. */
export interface UpdateRecord {
  id: string;
  stackId: string;
  kind: UpdateKind;
  status: UpdateStatus;
  dryRun: boolean;
  message: string;
  environment: Record<string, string>;
  /** Config as the CLI sent it: key to `{string, secret, object}`; secret values are ciphertext. */
  config: Record<string, unknown>;
  program: Record<string, unknown>;
  requestedBy: string;
  /** Stack version this update produced (or, for dry runs, ran against); null before start. */
  version: number | null;
  journalVersion: number;
  resourceChanges: Record<string, number> | null;
  resourceCount: number | null;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
}

/** The CLI's UpdateProgramRequest, as validated by the handler. */
export interface UpdateProgram {
  name: string;
  runtime: string;
  main: string;
  description: string;
  options: Record<string, unknown>;
  config: Record<string, unknown>;
  metadata: { message: string; environment: Record<string, string> };
}

/** An authenticated lease: the update and stack an `update-token` belongs to. */
export interface Lease {
  updateId: string;
  stackId: string;
}

export interface StartedUpdate {
  version: number;
  token: string;
  /** Unix seconds. */
  tokenExpiration: number;
  /** 1 when the server will accept journal entries for this update, else 0. */
  journalVersion: number;
}

/** One stored engine event: the CLI's EngineEvent object, unchanged. */
export type EngineEventRecord = Record<string, unknown> & { sequence: number; timestamp: number };

export interface EventsPage {
  events: EngineEventRecord[];
  /** Absent once the update has finished and every event was returned. */
  continuationToken?: string;
}

export interface GarbageCollectionResult {
  cancelled: { updateId: string; stackId: string; reason: "lease-expired" | "never-started" }[];
}

/** Update lifecycle, checkpoints, journal, events, history and state export/import. */
export interface UpdatesService {
  /**
   * Returns the JSON text of the stack's UntypedDeployment: the latest state,
   * or the state as of `version`. Throws NotFoundError for a version the stack
   * never had.
   */
  exportDeployment(stack: StackRecord, version?: number): Promise<Uint8Array>;

  /** Imports a deployment as a single-shot `import` update, recorded in history. */
  importDeployment(caller: Caller, stack: StackRecord, deployment: Uint8Array): Promise<{ updateId: string }>;

  /** Creates an update; throws ConflictError while another non-dry-run update holds the stack. */
  createUpdate(caller: Caller, stack: StackRecord, kind: UpdateKind, program: UpdateProgram): Promise<{ updateId: string }>;

  startUpdate(
    stack: StackRecord,
    updateId: string,
    request: { tags?: Record<string, string>; journalVersion?: number },
  ): Promise<StartedUpdate>;

  getUpdate(stack: StackRecord, updateId: string): Promise<UpdateRecord>;

  /**
   * Checks an `update-token` for `updateId` of `stack`; throws UnauthorizedError,
   * ForbiddenError (lease expired) or ConflictError (update ended). With
   * `allowFinished`, an ended update's token passes, for idempotent `complete`.
   */
  authenticateLease(stack: StackRef, updateId: string, token: string, options?: { allowFinished?: boolean }): Promise<Lease>;

  /** Issues a new token; throws ForbiddenError once the lease has expired (the CLI then stops renewing). */
  renewLease(lease: Lease, durationSeconds: number): Promise<{ token: string; tokenExpiration: number }>;

  /** Full checkpoint (`PATCH .../checkpoint`): replaces the update's state. */
  saveCheckpoint(lease: Lease, deployment: { version: number; features?: string[]; deployment: unknown }): Promise<void>;

  /** Verbatim checkpoint: `untypedDeployment` bytes exactly as sent; idempotent by sequence number. */
  saveVerbatimCheckpoint(lease: Lease, sequenceNumber: number, untypedDeployment: Uint8Array): Promise<void>;

  /** Delta checkpoint against the update's previous save; throws UnprocessableError on a hash or sequence mismatch. */
  saveDeltaCheckpoint(lease: Lease, sequenceNumber: number, checkpointHash: string, delta: unknown): Promise<void>;

  /** Stores journal entries; retried entries (same sequenceID) are stored once. */
  appendJournalEntries(lease: Lease, entries: Record<string, unknown>[]): Promise<void>;

  /** Stores engine events; retried events (same sequence) are stored once. */
  recordEvents(lease: Lease, events: EngineEventRecord[]): Promise<void>;

  completeUpdate(lease: Lease, status: "succeeded" | "failed" | "cancelled"): Promise<void>;

  /** `pulumi cancel`: ends an active update as cancelled; cancelling a finished update is a no-op. */
  cancelUpdate(stack: StackRecord, updateId: string): Promise<void>;

  /** Events of an update in sequence order, paged; `afterSequence` is exclusive. */
  listEvents(
    stack: StackRecord,
    updateId: string,
    options: { continuationToken?: string; afterSequence?: number; limit?: number },
  ): Promise<EventsPage>;

  /** Non-dry-run updates, newest first; `page` is 1-based. */
  listHistory(stack: StackRecord, options: { page?: number; pageSize?: number }): Promise<UpdateRecord[]>;

  /** Dry runs (previews), newest first. */
  listPreviews(stack: StackRecord, options: { page?: number; pageSize?: number }): Promise<UpdateRecord[]>;

  latestUpdate(stack: StackRecord): Promise<UpdateRecord | undefined>;

  getUpdateByVersion(stack: StackRecord, version: number): Promise<UpdateRecord>;

  /**
   * Renames the stack and rewrites the stack and project parts of every URN
   * in its latest state, as a new `rename` version.
   */
  renameStack(caller: Caller, stack: StackRecord, target: { projectName: string; stackName: string }): Promise<StackRecord>;

  /** Cancels updates whose lease expired or that never started in time; run under the GC advisory lock. */
  collectGarbage(now: Date): Promise<GarbageCollectionResult>;
}
