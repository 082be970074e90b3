import { Hono, type MiddlewareHandler } from "hono";

import { NotFoundError } from "@procella/types";

import type { AppEnv } from "../env.ts";
import { authenticateToken } from "../middleware/authenticate.ts";
import { authenticateLease } from "../middleware/authenticate-lease.ts";
import { pulumiAccept } from "../middleware/pulumi-accept.ts";
import { requireOrgRole } from "../middleware/require-org-role.ts";
import { type Endpoint, endpoints } from "./endpoints.ts";

function nameEndpoint(endpoint: Endpoint): MiddlewareHandler<AppEnv> {
  return async function nameEndpointMiddleware(c, next) {
    c.set("endpoint", endpoint.name);
    return next();
  };
}

/** The CLI-facing API: Accept check, then per endpoint its name, authentication, role check and handler. */
export function createApiRoutes(): Hono<AppEnv> {
  const api = new Hono<AppEnv>();
  api.use("*", pulumiAccept());

  for (const endpoint of endpoints) {
    const chain: MiddlewareHandler<AppEnv>[] = [nameEndpoint(endpoint)];
    if (endpoint.auth === "token") {
      chain.push(authenticateToken());
      if (endpoint.path.includes(":org")) {
        chain.push(requireOrgRole(endpoint.role));
      }
    } else {
      chain.push(authenticateLease({ allowFinished: endpoint.auth === "lease-or-finished" }));
    }
    api.on(endpoint.method, [endpoint.path.replace(/^\/api/, "")], ...chain, endpoint.handler);
  }

  api.all("*", (c) => {
    throw new NotFoundError(`Not Found: ${c.req.method} ${c.req.path} is not an endpoint of this server.`);
  });
  return api;
}
