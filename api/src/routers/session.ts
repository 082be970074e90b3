import { authedProcedure, router } from "../trpc.ts";

export const sessionRouter = router({
  /** The signed-in user, their organizations and roles, and the name of the token in use. */
  me: authedProcedure.query(({ ctx }) => ({
    login: ctx.caller.login,
    name: ctx.caller.name,
    email: ctx.caller.email,
    memberships: ctx.caller.memberships,
    tokenName: ctx.caller.tokenName ?? null,
  })),
});
