import type { Context } from "hono";

import type { AppEnv } from "../../env.ts";
import { orgFromParams, stackRefFromParams } from "../params.ts";
import { toWireStack } from "../wire.ts";

/** `GET /api/stacks/{org}/{project}/{stack}`. */
export async function getStack(c: Context<AppEnv>) {
  const stack = await c.get("services").stacks.getStack(stackRefFromParams(c));
  return c.json(toWireStack(stack));
}

/** `HEAD /api/stacks/{org}/{project}`: 200 when the project has stacks, 404 otherwise (`pulumi new`). */
export async function headProject(c: Context<AppEnv>) {
  const orgName = orgFromParams(c);
  const exists = await c.get("services").stacks.projectExists(orgName, c.req.param("project") ?? "");
  return c.body(null, exists ? 200 : 404);
}
