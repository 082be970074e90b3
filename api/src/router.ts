import { eventsRouter } from "./routers/events.ts";
import { sessionRouter } from "./routers/session.ts";
import { stacksRouter } from "./routers/stacks.ts";
import { tokensRouter } from "./routers/tokens.ts";
import { updatesRouter } from "./routers/updates.ts";
import { createCallerFactory, router } from "./trpc.ts";

/** The dashboard API, served at /trpc. */
export const appRouter = router({
  session: sessionRouter,
  stacks: stacksRouter,
  updates: updatesRouter,
  events: eventsRouter,
  tokens: tokensRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process with a given context (tests, scripts). */
export const createApiCaller = createCallerFactory(appRouter);
