import { z } from "zod";

import { updateIdInput, versionInput } from "../inputs.ts";
import { stackProcedure } from "../procedures.ts";
import { router } from "../trpc.ts";
import { toUpdateView } from "../views/update.ts";

const updateSelector = z
  .object({ version: versionInput.optional(), updateId: updateIdInput.optional() })
  .refine((input) => (input.version === undefined) !== (input.updateId === undefined), {
    error: "give exactly one of version and updateId",
  });

export const updatesRouter = router({
  /** Update history (no previews), newest first; `page` is 1-based. */
  list: stackProcedure("viewer")
    .input(z.object({ page: z.int().min(1).max(100_000).default(1), pageSize: z.int().min(1).max(100).default(20) }))
    .query(async ({ ctx, input }) => {
      const history = await ctx.services.updates.listHistory(ctx.stack, { page: input.page, pageSize: input.pageSize });
      return { updates: history.map(toUpdateView), page: input.page, hasMore: history.length === input.pageSize };
    }),

  /** The newest update in any state, or null for a stack never updated. */
  latest: stackProcedure("viewer").query(async ({ ctx }) => {
    const latest = await ctx.services.updates.latestUpdate(ctx.stack);
    return latest ? toUpdateView(latest) : null;
  }),

  /** One update by the stack version it produced (history permalinks) or by id (previews). */
  get: stackProcedure("viewer")
    .input(updateSelector)
    .query(async ({ ctx, input }) => {
      const { updates } = ctx.services;
      const update =
        input.updateId !== undefined
          ? await updates.getUpdate(ctx.stack, input.updateId)
          : await updates.getUpdateByVersion(ctx.stack, input.version ?? 0);
      return toUpdateView(update);
    }),

  /** Cancels a running update, as `pulumi cancel` does. */
  cancel: stackProcedure("member")
    .input(z.object({ updateId: updateIdInput }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.updates.cancelUpdate(ctx.stack, input.updateId);
      return { cancelled: true };
    }),
});
