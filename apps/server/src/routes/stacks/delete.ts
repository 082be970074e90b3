import type { Context } from "hono";

import type { AppEnv } from "../../env.ts";
import { stackRefFromParams } from "../params.ts";

/** `DELETE /api/stacks/{org}/{project}/{stack}?force=`: `pulumi stack rm [--force]`. */
export async function deleteStack(c: Context<AppEnv>) {
  const ref = stackRefFromParams(c);
  const force = c.req.query("force") === "true";
  await c.get("services").stacks.deleteStack(ref, { force });
  return c.body(null, 204);
}
