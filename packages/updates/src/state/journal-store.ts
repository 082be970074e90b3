import { asc, eq, sql } from "drizzle-orm";

import { journalEntries, queryRows, toJsonbText, type Transaction, type UpdateRow, updates } from "@procella/db";
import { BadRequestError } from "@procella/types";

import type { UpdatesContext } from "../context.ts";
import { JournalReplayError } from "../journal/errors.ts";
import { replayJournal } from "../journal/replay.ts";
import { engineVersionOf } from "./engine-version.ts";
import type { JournalEntry, UntypedDeployment } from "../journal/types.ts";
import type { Lease } from "../updates-service.ts";
import { lockStateChangingUpdate } from "./active-update.ts";
import { encodeJson, summarizeDeploymentObject } from "./deployment-text.ts";

const maxEntriesPerRequest = 10_000;
const maxJournalKind = 9;

const indexFields = [
  "removeOld",
  "removeNew",
  "pendingReplacementOld",
  "pendingReplacementNew",
  "deleteOld",
  "deleteNew",
] as const;
const objectFields = ["state", "operation", "secretsProvider", "newSnapshot", "extension"] as const;

const isIndex = (value: unknown) => typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
const isObject = (value: unknown) => typeof value === "object" && value !== null && !Array.isArray(value);

/** Checks the types of an entry's optional fields, naming the first wrong one. */
function fieldProblem(entry: Record<string, unknown>): string | undefined {
  if (!isIndex(entry.operationID ?? 0)) {
    return "operationID must be a non-negative integer";
  }
  for (const field of indexFields) {
    const value = entry[field];
    if (value !== undefined && value !== null && !isIndex(value)) {
      return `${field} must be null or a non-negative integer`;
    }
  }
  for (const field of objectFields) {
    const value = entry[field];
    if (value !== undefined && value !== null && !isObject(value)) {
      return `${field} must be null or an object`;
    }
  }
  if (entry.snippets !== undefined && entry.snippets !== null && !Array.isArray(entry.snippets)) {
    return "snippets must be null or an array";
  }
  return undefined;
}

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
    const problem = fieldProblem(entry as Record<string, unknown>);
    if (problem) {
      throw new BadRequestError(`Invalid journal entry at index ${index} (sequenceID ${sequenceID}): ${problem}.`);
    }
    return entry as Record<string, unknown>;
  });
}

/**
 * Stores journal entries of a journaling update. The CLI resends a whole
 * batch when a request fails, so entries are keyed by sequenceID and a
 * repeated one is stored once. A 2xx tells the CLI the entries are durable.
 *
 * One statement inserts the batch only while the update runs. Its `FOR
 * SHARE` lock on the update row waits for a concurrent `complete`, which
 * holds `FOR UPDATE` while it replays, and then sees the ended status and
 * inserts nothing. So no acknowledged entry can miss the replay.
 */
export async function appendJournalEntries(context: UpdatesContext, lease: Lease, entries: unknown[]): Promise<void> {
  const valid = validateEntries(entries);
  if (valid.length > 0) {
    const rows = toJsonbText(valid.map((entry) => ({ sequence_id: entry.sequenceID, entry })));
    const inserted = await queryRows<{ sequence_id: unknown }>(
      context.db,
      sql`insert into journal_entries (update_id, sequence_id, entry)
          select u.id, e.sequence_id, e.entry
          from updates u, jsonb_to_recordset(${rows}::text::jsonb) as e(sequence_id bigint, entry jsonb)
          where u.id = ${lease.updateId} and u.status = 'in-progress' and not u.dry_run and u.journal_version >= 1
          for share of u
          on conflict do nothing
          returning sequence_id`,
    );
    if (inserted.length > 0) {
      return;
    }
  }

  // Nothing new was stored: every entry was a retried duplicate, or the update cannot take entries.
  await context.db.transaction(async (tx) => {
    const update = await lockStateChangingUpdate(tx, lease, "append journal entries");
    if (update.journalVersion < 1) {
      throw new BadRequestError(`Update '${lease.updateId}' did not negotiate journaling; send checkpoints instead.`);
    }
  });
}

/**
 * Replays the stored journal of `update` onto the state it started from and
 * stores the result as the update's version. Runs inside `tx`, which holds
 * the update's lock. Does nothing for an update without entries, because
 * then the state did not change. Returns the blob key the write replaced.
 * Throws JournalReplayError, before writing anything, when the entries do
 * not replay.
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
  let replayed: UntypedDeployment;
  try {
    replayed = replayJournal(
      base,
      rows.map((row) => row.entry as unknown as JournalEntry),
      { now: context.now(), engineVersion: engineVersionOf(update, context) },
    );
  } catch (error) {
    if (error instanceof JournalReplayError) {
      throw error;
    }
    const detail = error instanceof Error ? error.message : String(error);
    throw new JournalReplayError(`The journal of update '${update.id}' could not be replayed: ${detail}`, { cause: error });
  }
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
