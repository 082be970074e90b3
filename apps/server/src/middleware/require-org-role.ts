import type { MiddlewareHandler } from "hono";

import { requireRole } from "@procella/auth";
import { type Role, validateOrgName } from "@procella/types";

import type { AppEnv } from "../env.ts";

/** Role a method needs when the endpoint table does not say otherwise. */
export function roleForMethod(method: string): Role {
  switch (method) {
    case "GET":
    case "HEAD":
      return "viewer";
    case "DELETE":
      return "admin";
    default:
      return "member";
  }
}

/**
 * Requires the caller's role in the organization named by the `:org` path
 * parameter; non-members get 404 so other organizations stay invisible.
 */
export function requireOrgRole(role?: Role): MiddlewareHandler<AppEnv> {
  return async function requireOrgRoleMiddleware(c, next) {
    const caller = c.get("caller");
    const orgName = c.req.param("org");
    if (!caller || orgName === undefined) {
      throw new Error("requireOrgRole needs an authenticated caller and an :org path parameter");
    }
    validateOrgName(orgName);
    requireRole(caller, orgName, role ?? roleForMethod(c.req.method));
    return next();
  };
}
