import type { Context } from "hono";

import type { AppEnv } from "../../env.ts";
import { positiveIntParam, stackRefFromParams } from "../params.ts";

/**
 * `GET /api/stacks/{org}/{project}/{stack}/export[/{version}]`: the
 * UntypedDeployment, sent as stored, byte for byte.
 */
export async function exportStack(c: Context<AppEnv>) {
  const { stacks, updates } = c.get("services");
  const stack = await stacks.getStack(stackRefFromParams(c));
  const version = positiveIntParam(c.req.param("version"), "version");
  const text = await updates.exportDeployment(stack, version);
  return c.body(text as Uint8Array<ArrayBuffer>, 200, { "Content-Type": "application/json" });
}
