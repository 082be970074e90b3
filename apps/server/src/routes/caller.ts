import type { Context } from "hono";

import type { Caller } from "@procella/types";

import type { AppEnv } from "../env.ts";

export function requireCaller(c: Context<AppEnv>): Caller {
  const caller = c.get("caller");
  if (!caller) {
    throw new Error("handler reached without an authenticated caller");
  }
  return caller;
}
