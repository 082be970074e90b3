import { z } from "zod";

import type { AccessTokenRecord } from "@procella/auth/access-tokens";

import { authedProcedure, router } from "../trpc.ts";

const dayMs = 24 * 60 * 60 * 1000;

function toTokenView(record: AccessTokenRecord, now: Date) {
  return {
    id: record.id,
    name: record.name,
    createdAt: record.createdAt.toISOString(),
    lastUsedAt: record.lastUsedAt?.toISOString() ?? null,
    expiresAt: record.expiresAt?.toISOString() ?? null,
    expired: record.expiresAt !== undefined && record.expiresAt.getTime() <= now.getTime(),
  };
}

/** The caller's own personal access tokens; any signed-in user may manage theirs. */
export const tokensRouter = router({
  list: authedProcedure.query(async ({ ctx }) => {
    const now = new Date();
    const tokens = await ctx.services.tokens.list(ctx.caller.login);
    return tokens.map((record) => toTokenView(record, now));
  }),

  /** Creates a token and returns its value; this is the only time the value is shown. */
  create: authedProcedure
    .input(
      z.object({
        name: z
          .string()
          .trim()
          .min(1, { error: "a token needs a name" })
          .max(200)
          .refine((text) => !text.includes("\u0000"), { error: "a token name may not contain the NUL character" }),
        /** Days until the token expires; null or absent for a token that does not expire. */
        expiresInDays: z.int().min(1).max(3650).nullish(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const now = new Date();
      const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * dayMs) : undefined;
      const created = await ctx.services.tokens.create(ctx.caller.login, { name: input.name, expiresAt });
      return { token: created.token, record: toTokenView(created.record, now) };
    }),

  revoke: authedProcedure.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    await ctx.services.tokens.revoke(ctx.caller.login, input.id);
    return { revoked: true };
  }),
});
