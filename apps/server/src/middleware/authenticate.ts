import type { MiddlewareHandler } from "hono";

import { UnauthorizedError } from "@procella/types";

import type { AppEnv } from "../env.ts";

/**
 * Parses `Authorization: <scheme> <credential>`; returns undefined when the
 * header is absent. Scheme names are case-insensitive.
 */
export function parseAuthorization(header: string | undefined): { scheme: string; credential: string } | undefined {
  if (header === undefined || header.trim() === "") {
    return undefined;
  }
  const match = /^([A-Za-z-]+) +(\S+)\s*$/.exec(header.trim());
  if (!match?.[1] || !match[2]) {
    throw new UnauthorizedError("Unauthorized: malformed Authorization header; expected 'token <access token>'.");
  }
  return { scheme: match[1].toLowerCase(), credential: match[2] };
}

/** Authenticates `Authorization: token <key>` and sets the caller. */
export function authenticateToken(): MiddlewareHandler<AppEnv> {
  return async function authenticateTokenMiddleware(c, next) {
    const authorization = parseAuthorization(c.req.header("Authorization"));
    if (!authorization) {
      throw new UnauthorizedError("Unauthorized: no access token provided; send 'Authorization: token <access token>'.");
    }
    if (authorization.scheme !== "token") {
      throw new UnauthorizedError(
        `Unauthorized: unsupported Authorization scheme '${authorization.scheme.slice(0, 20)}'; this call needs 'token <access token>'.`,
      );
    }
    const caller = await c.get("services").auth.authenticate(authorization.credential);
    if (!caller) {
      throw new UnauthorizedError("Unauthorized: the access token is invalid, expired or revoked.");
    }
    c.set("caller", caller);
    return next();
  };
}
