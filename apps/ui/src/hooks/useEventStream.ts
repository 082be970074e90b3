import { useQuery, useQueryClient } from "@tanstack/react-query";

import { useTRPCClient } from "../api/trpc.ts";
import { appendEvents, emptyEventStream, type EventStream, nextAfterSequence } from "../lib/event-stream.ts";

/** Events per request; a full page is followed at once by the next. */
const pageSize = 500;
/** Pages read per poll, so a huge backlog is read in steps without blocking the page. */
const maxPagesPerPoll = 10;
/** Poll interval while the update runs; events show within this time of reaching the server. */
export const livePollMs = 1000;

interface StackAddress {
  org: string;
  project: string;
  stack: string;
}

/**
 * Returns the engine events of an update, read incrementally: each poll
 * requests only the events after the last contiguous sequence and merges
 * them into the cache. Polling stops once the server reports the update
 * finished.
 */
export function useEventStream(address: StackAddress, updateId: string | undefined) {
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const queryKey = ["eventStream", address.org, address.project, address.stack, updateId];

  return useQuery({
    queryKey,
    enabled: updateId !== undefined,
    queryFn: async (): Promise<EventStream> => {
      let stream = queryClient.getQueryData<EventStream>(queryKey) ?? emptyEventStream;
      for (let page = 0; page < maxPagesPerPoll && updateId !== undefined; page++) {
        const result = await client.events.list.query({
          ...address,
          updateId,
          afterSequence: nextAfterSequence(stream),
          limit: pageSize,
        });
        stream = appendEvents(stream, result.events, result.finished);
        if (result.events.length < pageSize) {
          break;
        }
      }
      return stream;
    },
    refetchInterval: (query) => (query.state.data?.finished || query.state.error ? false : livePollMs),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
