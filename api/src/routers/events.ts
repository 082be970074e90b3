import { z } from "zod";

import { updateIdInput } from "../inputs.ts";
import { stackProcedure } from "../procedures.ts";
import { router } from "../trpc.ts";
import { toEventView } from "../views/events.ts";

export const maxEventsPerPage = 1000;

export const eventsRouter = router({
  /**
   * Engine events of an update in sequence order, after `afterSequence`
   * (exclusive). One indexed range read, so the dashboard can poll it every
   * second while an update runs. `finished` is true once the update has
   * ended and no events remain after the returned ones.
   */
  list: stackProcedure("viewer")
    .input(
      z.object({
        updateId: updateIdInput,
        afterSequence: z.int().min(-1).optional(),
        limit: z.int().min(1).max(maxEventsPerPage).default(500),
      }),
    )
    .query(async ({ ctx, input }) => {
      const page = await ctx.services.updates.listEvents(ctx.stack, input.updateId, {
        afterSequence: input.afterSequence,
        limit: input.limit,
      });
      return { events: page.events.map(toEventView), finished: page.continuationToken === undefined };
    }),
});
