import type { Context } from "hono";

import type { Lease } from "@procella/updates";

import type { AppEnv } from "../env.ts";

export function requireLease(c: Context<AppEnv>): Lease {
  const lease = c.get("lease");
  if (!lease) {
    throw new Error("handler reached without an authenticated lease");
  }
  return lease;
}
