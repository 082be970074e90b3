import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { type Context, Hono } from "hono";

import { type ApiContext, appRouter } from "@procella/api";
import { isDomainError } from "@procella/types";

import type { AppEnv, Services } from "../env.ts";
import { parseAuthorization } from "../middleware/authenticate.ts";

/** Procedures per batched request; the SPA's batch link uses the same limit. */
export const maxTrpcBatchSize = 20;

/**
 * Authenticates like /api (`Authorization: token <access token>`), but never
 * throws: an absent or rejected credential leaves the caller unset, and the
 * authenticated procedures respond UNAUTHORIZED with the reason.
 */
async function authenticate(c: Context<AppEnv>): Promise<Pick<ApiContext, "caller" | "authProblem">> {
  let authorization: ReturnType<typeof parseAuthorization>;
  try {
    authorization = parseAuthorization(c.req.header("Authorization"));
  } catch (error) {
    if (isDomainError(error)) {
      return { authProblem: error.message };
    }
    throw error;
  }
  if (!authorization) {
    return {};
  }
  if (authorization.scheme !== "token") {
    return { authProblem: "Unauthorized: the dashboard API takes 'Authorization: token <access token>'." };
  }
  const caller = await c.get("services").auth.authenticate(authorization.credential);
  if (!caller) {
    return { authProblem: "Unauthorized: the access token is invalid, expired or revoked. Sign in again." };
  }
  c.set("caller", caller);
  return { caller };
}

/** Builds the dashboard's tRPC API at /trpc, with the same token authentication and org roles as /api. */
export function createTrpcRoutes(services: Services): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.all("/*", async function trpcHandler(c) {
    c.set("endpoint", `trpc ${c.req.path.slice("/trpc/".length).slice(0, 200)}`);
    const auth = await authenticate(c);
    const logger = c.get("logger");
    return fetchRequestHandler({
      endpoint: "/trpc",
      req: c.req.raw,
      router: appRouter,
      maxBatchSize: maxTrpcBatchSize,
      createContext: (): ApiContext => ({
        services: { stacks: services.stacks, updates: services.updates, tokens: services.tokens },
        ...auth,
        logger,
      }),
      onError({ error, path }) {
        if (error.code === "INTERNAL_SERVER_ERROR" && !isDomainError(error.cause)) {
          logger.error("dashboard procedure failed", { procedure: path, error: error.cause ?? error });
        }
      },
    });
  });
  return routes;
}
