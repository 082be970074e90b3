import type { MiddlewareHandler } from "hono";

import { NotAcceptableError } from "@procella/types";

import type { AppEnv } from "../env.ts";

const pulumiMediaType = /application\/vnd\.pulumi\+(\d+)/;

/**
 * Requires `Accept: application/vnd.pulumi+N` on CLI calls and records N.
 * Any N is accepted; behaviour is gated on it where the CLI's version table
 * says so (N >= 8 follows continuation tokens on /api/user/stacks; the
 * v3.276 CLI sends 9). The CLI may send a second Accept value, so search
 * the whole header.
 */
export function pulumiAccept(): MiddlewareHandler<AppEnv> {
  return async function pulumiAcceptMiddleware(c, next) {
    if (c.req.method === "OPTIONS") {
      return next();
    }
    const accept = c.req.header("Accept") ?? "";
    const match = pulumiMediaType.exec(accept);
    if (!match?.[1]) {
      throw new NotAcceptableError(
        "Not Acceptable: the Pulumi API requires the header 'Accept: application/vnd.pulumi+N' (the Pulumi CLI sends it).",
      );
    }
    c.set("apiVersion", Number(match[1]));
    return next();
  };
}
