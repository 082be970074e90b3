import type { MiddlewareHandler } from "hono";

import { UnauthorizedError } from "@procella/types";

import type { AppEnv } from "../env.ts";
import { stackRefFromParams } from "../routes/params.ts";
import { parseAuthorization } from "./authenticate.ts";

/**
 * Authenticates execution-phase calls of a running update with
 * `Authorization: update-token <lease>`. The lease is valid only for its own
 * update of its own stack, so no org role check follows.
 */
export function authenticateLease(options: { allowFinished?: boolean } = {}): MiddlewareHandler<AppEnv> {
  return async function authenticateLeaseMiddleware(c, next) {
    const authorization = parseAuthorization(c.req.header("Authorization"));
    if (!authorization || authorization.scheme !== "update-token") {
      throw new UnauthorizedError("Unauthorized: this call needs 'Authorization: update-token <lease token>' of the update.");
    }
    const stackRef = stackRefFromParams(c);
    const updateId = c.req.param("updateId") ?? "";
    const lease = await c.get("services").updates.authenticateLease(stackRef, updateId, authorization.credential, options);
    c.set("lease", lease);
    return next();
  };
}
