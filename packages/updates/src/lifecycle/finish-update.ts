import { and, eq, lt, or } from "drizzle-orm";

import { checkpoints, type Transaction, type UpdateRow, updates } from "@procella/db";
import type { StackRecord } from "@procella/stacks";
import { NotFoundError } from "@procella/types";

import type { UpdatesContext } from "../context.ts";
import { JournalReplayError } from "../journal/errors.ts";
import { persistJournal } from "../state/journal-store.ts";
import type { GarbageCollectionResult, Lease, UpdateStatus } from "../updates-service.ts";
import { assertUpdateId } from "./update-id.ts";

type FinalStatus = Extract<UpdateStatus, "succeeded" | "failed" | "cancelled">;

const activeStatuses = ["not-started", "in-progress"] as const;

/**
 * Ends a locked, active update: a journaling update first has its journal
 * replayed into the stack's state, so every acknowledged entry survives even
 * when the update failed or was abandoned. A journal that does not replay
 * leaves the previous state in place and the update ends as failed (or
 * cancelled), so the stack is never stuck behind it.
 */
async function finish(
  context: UpdatesContext,
  tx: Transaction,
  update: UpdateRow,
  requested: FinalStatus,
): Promise<FinishOutcome> {
  const outcome: FinishOutcome = { uploaded: [], replaced: [] };
  let status = requested;
  if (update.status === "in-progress") {
    try {
      collect(outcome, await persistJournal(context, tx, update));
    } catch (error) {
      if (!(error instanceof JournalReplayError)) {
        throw error;
      }
      context.logger.error("journal replay failed; the stack keeps its previous state", {
        updateId: update.id,
        stackId: update.stackId,
        sequenceID: error.sequenceID,
        error,
      });
      outcome.replayError = error;
      status = requested === "cancelled" ? "cancelled" : "failed";
    }
    collect(outcome, await compactPreviousVersion(context, tx, update));
  }
  const now = context.now();
  await tx
    .update(updates)
    .set({ status, endedAt: now, leaseExpiresAt: now, updatedAt: now })
    .where(eq(updates.id, update.id));
  return outcome;
}

interface BlobKeys {
  uploaded: string[];
  replaced: string[];
}

interface FinishOutcome extends BlobKeys {
  replayError?: JournalReplayError;
}

function collect(keys: BlobKeys, result: { uploadedKey?: string; replacedKey?: string }): void {
  if (result.uploadedKey) keys.uploaded.push(result.uploadedKey);
  if (result.replacedKey) keys.replaced.push(result.replacedKey);
}

/** Once an update's version is final, the version before it becomes a patch against it. */
async function compactPreviousVersion(
  context: UpdatesContext,
  tx: Transaction,
  update: UpdateRow,
): Promise<{ uploadedKey?: string; replacedKey?: string }> {
  if (update.dryRun || update.version === null) {
    return {};
  }
  const [own] = await tx
    .select({ updateId: checkpoints.updateId })
    .from(checkpoints)
    .where(and(eq(checkpoints.stackId, update.stackId), eq(checkpoints.version, update.version)))
    .limit(1);
  if (!own || own.updateId !== update.id) {
    return {};
  }
  const text = await context.checkpoints.read(update.stackId, update.version, tx);
  return text ? context.checkpoints.compactPrevious(tx, update.stackId, update.version, text) : {};
}

async function finishLocked(
  context: UpdatesContext,
  updateId: string,
  stackId: string,
  status: FinalStatus,
  stillEligible: (update: UpdateRow) => boolean,
): Promise<{ finished: boolean; replayError?: JournalReplayError }> {
  let keys: FinishOutcome = { uploaded: [], replaced: [] };
  let finished = false;
  try {
    await context.db.transaction(async (tx) => {
      const [update] = await tx
        .select()
        .from(updates)
        .where(and(eq(updates.id, updateId), eq(updates.stackId, stackId)))
        .for("update")
        .limit(1);
      if (!update) {
        throw new NotFoundError(`Update '${updateId}' not found.`);
      }
      if (!stillEligible(update)) {
        return;
      }
      keys = await finish(context, tx, update, status);
      finished = true;
    });
  } catch (error) {
    for (const key of keys.uploaded) {
      await context.checkpoints.discard(key).catch(() => undefined);
    }
    throw error;
  }
  for (const key of keys.replaced) {
    await context.checkpoints.discard(key).catch(() => undefined);
  }
  return { finished, replayError: keys.replayError };
}

const isActive = (update: UpdateRow) => (activeStatuses as readonly string[]).includes(update.status);

/**
 * `POST .../complete`; completing an update that already ended is a no-op,
 * so CLI retries succeed. When the journal does not replay, the update ends
 * as failed and the CLI gets a 422 saying the state was not changed.
 */
export async function completeUpdate(context: UpdatesContext, lease: Lease, status: FinalStatus): Promise<void> {
  const { replayError } = await finishLocked(context, lease.updateId, lease.stackId, status, isActive);
  if (replayError) {
    throw new JournalReplayError(
      `The update's journal could not be turned into a checkpoint, so the stack keeps its previous state: ${replayError.message}`,
      { cause: replayError },
    );
  }
}

/** `pulumi cancel`: ends an active update as cancelled; a finished one is left as it is. */
export async function cancelUpdate(context: UpdatesContext, stack: StackRecord, updateId: string): Promise<void> {
  assertUpdateId(updateId);
  const { finished: cancelled } = await finishLocked(context, updateId, stack.id, "cancelled", isActive);
  if (cancelled) {
    context.logger.info("update cancelled", { stackId: stack.id, updateId });
  }
}

/**
 * Cancels updates whose lease expired (the CLI died or lost the network) and
 * updates created but never started within the configured age. The caller
 * holds the GC advisory lock, so one replica does this at a time; each
 * candidate is re-checked under its row lock.
 */
export async function collectGarbage(context: UpdatesContext, now: Date): Promise<GarbageCollectionResult> {
  const unstartedBefore = new Date(now.getTime() - context.unstartedSeconds * 1000);
  const candidates = await context.db
    .select({ id: updates.id, stackId: updates.stackId, status: updates.status })
    .from(updates)
    .where(
      or(
        and(eq(updates.status, "in-progress"), lt(updates.leaseExpiresAt, now)),
        and(eq(updates.status, "not-started"), lt(updates.createdAt, unstartedBefore)),
      ),
    )
    .limit(1000);

  const result: GarbageCollectionResult = { cancelled: [] };
  for (const candidate of candidates) {
    const reason = candidate.status === "in-progress" ? "lease-expired" : "never-started";
    const expired = (update: UpdateRow) =>
      reason === "lease-expired"
        ? update.status === "in-progress" && update.leaseExpiresAt !== null && update.leaseExpiresAt < now
        : update.status === "not-started" && update.createdAt < unstartedBefore;
    try {
      if ((await finishLocked(context, candidate.id, candidate.stackId, "cancelled", expired)).finished) {
        result.cancelled.push({ updateId: candidate.id, stackId: candidate.stackId, reason });
        context.logger.warn("gc cancelled an abandoned update", {
          updateId: candidate.id,
          stackId: candidate.stackId,
          reason,
        });
      }
    } catch (error) {
      // One update that cannot be ended (blob storage down, say) must not stop the others; the next round retries it.
      context.logger.error("gc failed to cancel an abandoned update", {
        updateId: candidate.id,
        stackId: candidate.stackId,
        reason,
        error,
      });
    }
  }
  return result;
}

