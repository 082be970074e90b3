import { asc, eq } from "drizzle-orm";

import { journalEntries, type Transaction, type UpdateRow, updates } from "@procella/db";
import { BadRequestError } from "@procella/types";

import type { UpdatesContext } from "../context.ts";
import { replayJournal } from "../journal/replay.ts";
import { engineVersionOf } from "./engine-version.ts";
import type { JournalEntry, UntypedDeployment } from "../journal/types.ts";
import type { Lease } from "../updates-service.ts";
import { lockStateChangingUpdate } from "./active-update.ts";
import { encodeJson, summarizeDeploymentObject } from "./deployment-text.ts";

const maxEntriesPerRequest = 10_000;
const maxJournalKind = 9;

function validateEntries(entries: unknown[]): Record<string, unknown>[] {
  if (entries.length > maxEntriesPerRequest) {
    throw new BadRequestError(`Too many journal entries in one request: at most ${maxEntriesPerRequest} are accepted.`);
  }
  return entries.map((entry, index) => {
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
      throw new BadRequestError(`Invalid journal entry at index ${index}: expected an object.`);
    }
    const { sequenceID, kind } = entry as { sequenceID?: unknown; kind?: unknown };
    if (typeof sequenceID !== "number" || !Number.isSafeInteger(sequenceID) || sequenceID < 1) {
      throw new BadRequestError(`Invalid journal entry at index ${index}: sequenceID must be a positive integer.`);
    }
    if (typeof kind !== "number" || !Number.isInteger(kind) || kind < 0 || kind > maxJournalKind) {
      throw new BadRequestError(`Invalid journal entry at index ${index}: kind must be an integer from 0 to ${maxJournalKind}.`);
    }
    return entry as Record<string, unknown>;
  });
}

/**
 * Stores journal entries of a journaling update. The CLI resends a whole
 * batch when a request fails, so entries are keyed by sequenceID and a
 * repeated one is stored once. A 2xx tells the CLI the entries are durable.
 */
export async function appendJournalEntries(context: UpdatesContext, lease: Lease, entries: unknown[]): Promise<void> {
  const valid = validateEntries(entries);
  await context.db.transaction(async (tx) => {
    const update = await lockStateChangingUpdate(tx, lease, "append journal entries");
    if (update.journalVersion < 1) {
      throw new BadRequestError(`Update '${lease.updateId}' did not negotiate journaling; send checkpoints instead.`);
    }
    if (valid.length === 0) {
      return;
    }
    await tx
      .insert(journalEntries)
      .values(valid.map((entry) => ({ updateId: lease.updateId, sequenceId: entry.sequenceID as number, entry })))
      .onConflictDoNothing();
  });
}

/**
 * Replays the stored journal of `update` onto the state it started from and
 * stores the result as the update's version. Runs inside `tx`, which holds
 * the update's lock. Does nothing for an update without entries, because
 * then the state did not change. Returns the blob key the write replaced.
 */
export async function persistJournal(
  context: UpdatesContext,
  tx: Transaction,
  update: UpdateRow,
): Promise<{ uploadedKey?: string; replacedKey?: string; resourceCount?: number }> {
  if (update.journalVersion < 1 || update.dryRun || update.version === null) {
    return {};
  }
  const rows = await tx
    .select({ entry: journalEntries.entry })
    .from(journalEntries)
    .where(eq(journalEntries.updateId, update.id))
    .orderBy(asc(journalEntries.sequenceId));
  if (rows.length === 0) {
    return {};
  }

  const baseText = update.baseVersion ? await context.checkpoints.read(update.stackId, update.baseVersion, tx) : undefined;
  const base = baseText ? (JSON.parse(new TextDecoder().decode(baseText)) as UntypedDeployment) : undefined;
  const replayed = replayJournal(
    base,
    rows.map((row) => row.entry as unknown as JournalEntry),
    { now: context.now(), engineVersion: engineVersionOf(update, context) },
  );
  const { resourceCount } = summarizeDeploymentObject(replayed);
  const write = {
    stackId: update.stackId,
    version: update.version,
    updateId: update.id,
    text: encodeJson(replayed),
    resourceCount,
  };
  const uploaded = await context.checkpoints.upload(write);
  const replacedKey = await context.checkpoints.record(tx, write, uploaded);
  await tx.update(updates).set({ resourceCount }).where(eq(updates.id, update.id));
  return { uploadedKey: uploaded.blobKey, replacedKey, resourceCount };
}
