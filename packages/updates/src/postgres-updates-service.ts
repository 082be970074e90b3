import type { Database } from "@procella/db";
import type { StackRecord, StackRef } from "@procella/stacks";
import type { BlobStorage } from "@procella/storage";
import type { Caller, Logger } from "@procella/types";

import type { UpdatesContext } from "./context.ts";
import { listEvents, recordEvents } from "./events/event-store.ts";
import { getUpdate, getUpdateByVersion, latestUpdate, listHistory, listPreviews } from "./history/history.ts";
import { createUpdate } from "./lifecycle/create-update.ts";
import { cancelUpdate, collectGarbage, completeUpdate } from "./lifecycle/finish-update.ts";
import { authenticateLease, renewLease } from "./lifecycle/lease.ts";
import { startUpdate } from "./lifecycle/start-update.ts";
import { CheckpointStore } from "./state/checkpoint-store.ts";
import { exportDeployment } from "./state/export-deployment.ts";
import { importDeployment } from "./state/import-deployment.ts";
import { appendJournalEntries } from "./state/journal-store.ts";
import { renameStack } from "./state/rename-stack.ts";
import { saveCheckpoint, saveDeltaCheckpoint, saveVerbatimCheckpoint } from "./state/save-checkpoint.ts";
import type {
  EngineEventRecord,
  EventsPage,
  GarbageCollectionResult,
  Lease,
  StartedUpdate,
  UpdateKind,
  UpdateProgram,
  UpdateRecord,
  UpdatesService,
} from "./updates-service.ts";

export interface PostgresUpdatesServiceOptions {
  db: Database;
  blobs: BlobStorage;
  logger: Logger;
  /** Maximum lease that a start or renewal grants, in seconds. */
  leaseSeconds: number;
  /** Age, in seconds, after which GC cancels a created but never started update. */
  unstartedSeconds: number;
  /** Reloads the stack after a rename; the stacks service owns that lookup. */
  reloadStack: (id: string) => Promise<StackRecord>;
  now?: () => Date;
  engineVersion?: string;
}

/** UpdatesService on PostgreSQL (or PGlite) plus blob storage; each operation lives in its own module. */
export class PostgresUpdatesService implements UpdatesService {
  readonly #context: UpdatesContext;
  readonly #reloadStack: (id: string) => Promise<StackRecord>;

  constructor(options: PostgresUpdatesServiceOptions) {
    this.#context = {
      db: options.db,
      blobs: options.blobs,
      checkpoints: new CheckpointStore({ db: options.db, blobs: options.blobs }),
      logger: options.logger,
      now: options.now ?? (() => new Date()),
      leaseSeconds: options.leaseSeconds,
      unstartedSeconds: options.unstartedSeconds,
      engineVersion: options.engineVersion ?? "procella",
    };
    this.#reloadStack = options.reloadStack;
  }

  exportDeployment(stack: StackRecord, version?: number): Promise<Uint8Array> {
    return exportDeployment(this.#context, stack, version);
  }

  importDeployment(caller: Caller, stack: StackRecord, deployment: Uint8Array): Promise<{ updateId: string }> {
    return importDeployment(this.#context, caller, stack, deployment);
  }

  createUpdate(caller: Caller, stack: StackRecord, kind: UpdateKind, program: UpdateProgram): Promise<{ updateId: string }> {
    return createUpdate(this.#context, caller, stack, kind, program);
  }

  startUpdate(
    stack: StackRecord,
    updateId: string,
    request: { tags?: Record<string, string>; journalVersion?: number },
  ): Promise<StartedUpdate> {
    return startUpdate(this.#context, stack, updateId, request);
  }

  getUpdate(stack: StackRecord, updateId: string): Promise<UpdateRecord> {
    return getUpdate(this.#context, stack, updateId);
  }

  authenticateLease(stack: StackRef, updateId: string, token: string, options?: { allowFinished?: boolean }): Promise<Lease> {
    return authenticateLease(this.#context, stack, updateId, token, options);
  }

  renewLease(lease: Lease, durationSeconds: number): Promise<{ token: string; tokenExpiration: number }> {
    return renewLease(this.#context, lease, durationSeconds);
  }

  saveCheckpoint(lease: Lease, deployment: { version: number; features?: string[]; deployment: unknown }): Promise<void> {
    return saveCheckpoint(this.#context, lease, deployment);
  }

  saveVerbatimCheckpoint(lease: Lease, sequenceNumber: number, untypedDeployment: Uint8Array): Promise<void> {
    return saveVerbatimCheckpoint(this.#context, lease, sequenceNumber, untypedDeployment);
  }

  saveDeltaCheckpoint(lease: Lease, sequenceNumber: number, checkpointHash: string, delta: unknown): Promise<void> {
    return saveDeltaCheckpoint(this.#context, lease, sequenceNumber, checkpointHash, delta);
  }

  appendJournalEntries(lease: Lease, entries: Record<string, unknown>[]): Promise<void> {
    return appendJournalEntries(this.#context, lease, entries);
  }

  recordEvents(lease: Lease, events: EngineEventRecord[]): Promise<void> {
    return recordEvents(this.#context, lease, events);
  }

  completeUpdate(lease: Lease, status: "succeeded" | "failed" | "cancelled"): Promise<void> {
    return completeUpdate(this.#context, lease, status);
  }

  cancelUpdate(stack: StackRecord, updateId: string): Promise<void> {
    return cancelUpdate(this.#context, stack, updateId);
  }

  listEvents(
    stack: StackRecord,
    updateId: string,
    options: { continuationToken?: string; afterSequence?: number; limit?: number },
  ): Promise<EventsPage> {
    return listEvents(this.#context, stack, updateId, options);
  }

  listHistory(stack: StackRecord, options: { page?: number; pageSize?: number }): Promise<UpdateRecord[]> {
    return listHistory(this.#context, stack, options);
  }

  listPreviews(stack: StackRecord, options: { page?: number; pageSize?: number }): Promise<UpdateRecord[]> {
    return listPreviews(this.#context, stack, options);
  }

  latestUpdate(stack: StackRecord): Promise<UpdateRecord | undefined> {
    return latestUpdate(this.#context, stack);
  }

  getUpdateByVersion(stack: StackRecord, version: number): Promise<UpdateRecord> {
    return getUpdateByVersion(this.#context, stack, version);
  }

  async renameStack(
    caller: Caller,
    stack: StackRecord,
    target: { projectName: string; stackName: string },
  ): Promise<StackRecord> {
    await renameStack(this.#context, caller, stack, target);
    return this.#reloadStack(stack.id);
  }

  collectGarbage(now: Date): Promise<GarbageCollectionResult> {
    return collectGarbage(this.#context, now);
  }
}
