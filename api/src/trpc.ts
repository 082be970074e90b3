import { initTRPC, TRPCError } from "@trpc/server";

import { isDomainError } from "@procella/types";

import type { ApiContext } from "./context.ts";
import { publicMessage, toTrpcError } from "./errors.ts";

const t = initTRPC.context<ApiContext>().create({
  errorFormatter({ shape, error }) {
    // Stack traces stay on the server, whatever NODE_ENV is set to.
    const { stack: _stack, ...data } = shape.data;
    return { ...shape, message: publicMessage(error), data };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Turns domain errors thrown by services into tRPC errors with the matching code and the same message. */
const mapDomainErrors = t.middleware(async function mapDomainErrors({ next }) {
  const result = await next();
  if (!result.ok && isDomainError(result.error.cause)) {
    throw toTrpcError(result.error.cause);
  }
  return result;
});

/** Anyone, authenticated or not. */
export const publicProcedure = t.procedure.use(mapDomainErrors);

/** Callers with a valid access token; `ctx.caller` is set from here on. */
export const authedProcedure = publicProcedure.use(async function requireCaller({ ctx, next }) {
  if (!ctx.caller) {
    throw new TRPCError({
      code: "UNAUTHORIZED",
      message: ctx.authProblem ?? "Unauthorized: sign in with an access token; send 'Authorization: token <access token>'.",
    });
  }
  return next({ ctx: { caller: ctx.caller } });
});
