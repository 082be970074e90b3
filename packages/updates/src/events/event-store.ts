import { and, asc, eq, gt } from "drizzle-orm";

import { updateEvents, updates } from "@procella/db";
import type { StackRecord } from "@procella/stacks";
import { BadRequestError, NotFoundError } from "@procella/types";

import type { UpdatesContext } from "../context.ts";
import { assertUpdateId } from "../lifecycle/update-id.ts";
import type { EngineEventRecord, EventsPage, Lease } from "../updates-service.ts";

const maxEventsPerRequest = 1000;
/** The sequence column is a 32-bit integer; the CLI counts from 0 per update. */
const maxSequence = 2 ** 31 - 1;
const defaultPageSize = 500;
const maxPageSize = 1000;

/** Returns the event's payload key, such as `resourcePreEvent`. Every EngineEvent has exactly one. */
function eventType(event: Record<string, unknown>): string {
  for (const key of Object.keys(event)) {
    if (key !== "sequence" && key !== "timestamp" && event[key] !== null && event[key] !== undefined) {
      return key;
    }
  }
  return "unknown";
}

function validateEvents(events: unknown[]): EngineEventRecord[] {
  if (events.length > maxEventsPerRequest) {
    throw new BadRequestError(`Too many engine events in one request: at most ${maxEventsPerRequest} are accepted.`);
  }
  return events.map((event, index) => {
    if (typeof event !== "object" || event === null || Array.isArray(event)) {
      throw new BadRequestError(`Invalid engine event at index ${index}: expected an object.`);
    }
    const { sequence, timestamp } = event as { sequence?: unknown; timestamp?: unknown };
    if (typeof sequence !== "number" || !Number.isSafeInteger(sequence) || sequence < 0 || sequence > maxSequence) {
      throw new BadRequestError(
        `Invalid engine event at index ${index}: sequence must be an integer from 0 to ${maxSequence}.`,
      );
    }
    if (typeof timestamp !== "number" || !Number.isSafeInteger(Math.floor(timestamp)) || timestamp < 0) {
      throw new BadRequestError(`Invalid engine event at index ${index}: timestamp must be a non-negative number of seconds.`);
    }
    return event as EngineEventRecord;
  });
}

/**
 * Stores engine events. Batches may arrive out of order and retried batches
 * repeat events, so each is keyed by its sequence and stored once. The
 * summary event's change counts become the update's resource changes.
 */
export async function recordEvents(context: UpdatesContext, lease: Lease, events: unknown[]): Promise<void> {
  const valid = validateEvents(events);
  if (valid.length === 0) {
    return;
  }
  await context.db
    .insert(updateEvents)
    .values(
      valid.map((event) => ({
        updateId: lease.updateId,
        sequence: event.sequence,
        timestamp: Math.floor(event.timestamp),
        type: eventType(event),
        event,
      })),
    )
    .onConflictDoNothing();

  const summary = valid.find((event) => typeof event.summaryEvent === "object" && event.summaryEvent !== null);
  const changes = (summary?.summaryEvent as { resourceChanges?: unknown } | undefined)?.resourceChanges;
  if (changes && typeof changes === "object" && !Array.isArray(changes)) {
    await context.db
      .update(updates)
      .set({ resourceChanges: changes as Record<string, number> })
      .where(eq(updates.id, lease.updateId));
  }
}

function parseSequenceToken(token: string): number {
  if (!/^\d{1,15}$/.test(token)) {
    throw new BadRequestError("Invalid continuationToken: pass back the token from the previous response unchanged.");
  }
  return Number(token);
}

/**
 * Events in sequence order after a position. The continuation token is the
 * last returned sequence; it is absent once the update has ended and no
 * events remain, which signals to the CLI that the stream is complete.
 */
export async function listEvents(
  context: UpdatesContext,
  stack: StackRecord,
  updateId: string,
  options: { continuationToken?: string; afterSequence?: number; limit?: number },
): Promise<EventsPage> {
  assertUpdateId(updateId);
  const [update] = await context.db
    .select({ status: updates.status })
    .from(updates)
    .where(and(eq(updates.id, updateId), eq(updates.stackId, stack.id)))
    .limit(1);
  if (!update) {
    throw new NotFoundError(`Update '${updateId}' not found.`);
  }

  const after =
    options.continuationToken !== undefined ? parseSequenceToken(options.continuationToken) : (options.afterSequence ?? -1);
  const limit = Math.min(Math.max(options.limit ?? defaultPageSize, 1), maxPageSize);
  const rows = await context.db
    .select({ event: updateEvents.event })
    .from(updateEvents)
    .where(and(eq(updateEvents.updateId, updateId), gt(updateEvents.sequence, after)))
    .orderBy(asc(updateEvents.sequence))
    .limit(limit);

  const events = rows.map((row) => row.event as EngineEventRecord);
  const last = events.at(-1)?.sequence ?? after;
  const finished = update.status !== "in-progress" && update.status !== "not-started";
  const drained = events.length < limit;
  return { events, continuationToken: finished && drained ? undefined : String(last) };
}
