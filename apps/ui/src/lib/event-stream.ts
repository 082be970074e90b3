import type { EventView } from "@procella/api";

/** Events received so far for one update, and where the next poll continues. */
export interface EventStream {
  /** Events in sequence order, each sequence once. */
  events: EventView[];
  /** The server reported the update ended and returned everything. */
  finished: boolean;
  /** Highest sequence up to which every event has arrived; -1 before the first. */
  contiguousUpTo: number;
  /** Polls since a gap below the highest received sequence was first seen. */
  pollsWithGap: number;
}

export const emptyEventStream: EventStream = { events: [], finished: false, contiguousUpTo: -1, pollsWithGap: 0 };

/**
 * Polls a gap may stay open before the stream reads past it. The CLI sends
 * event batches concurrently, so a later batch can be stored before an
 * earlier one. A batch that failed for good would otherwise hold the
 * stream at the gap forever.
 */
export const maxPollsWithGap = 5;

/** Returns the `afterSequence` for the next poll: re-read from the first gap so late batches are not missed. */
export function nextAfterSequence(stream: EventStream): number {
  if (stream.pollsWithGap >= maxPollsWithGap) {
    return stream.events.at(-1)?.sequence ?? stream.contiguousUpTo;
  }
  return stream.contiguousUpTo;
}

/** Merges a page of events into the stream, dropping sequences already held. */
export function appendEvents(stream: EventStream, page: readonly EventView[], finished: boolean): EventStream {
  const bySequence = new Map<number, EventView>();
  for (const event of stream.events) {
    bySequence.set(event.sequence, event);
  }
  let added = 0;
  for (const event of page) {
    if (!bySequence.has(event.sequence)) {
      bySequence.set(event.sequence, event);
      added++;
    }
  }
  const events = added === 0 ? stream.events : [...bySequence.values()].sort((left, right) => left.sequence - right.sequence);

  let contiguousUpTo = stream.contiguousUpTo;
  while (bySequence.has(contiguousUpTo + 1)) {
    contiguousUpTo++;
  }
  const highest = events.at(-1)?.sequence ?? -1;
  const hasGap = highest > contiguousUpTo;
  return {
    events,
    finished,
    contiguousUpTo,
    pollsWithGap: hasGap ? stream.pollsWithGap + 1 : 0,
  };
}
