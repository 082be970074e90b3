import type { Context } from "hono";

import type { AppEnv } from "../../env.ts";
import { readBody } from "../../http/body.ts";
import { requireCaller } from "../caller.ts";
import { stackRefFromParams } from "../params.ts";

/**
 * `POST .../import`: `pulumi stack import` and `pulumi state` edits. The
 * deployment becomes the next version at once; the CLI then polls the
 * returned update, which has already succeeded.
 */
export async function importStack(c: Context<AppEnv>) {
  const caller = requireCaller(c);
  const { stacks, updates } = c.get("services");
  const stack = await stacks.getStack(stackRefFromParams(c));
  const deployment = await readBody(c);
  const { updateId } = await updates.importDeployment(caller, stack, deployment);
  return c.json({ updateId });
}
