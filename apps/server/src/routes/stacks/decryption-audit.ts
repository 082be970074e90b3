import type { Context } from "hono";

import type { AppEnv } from "../../env.ts";
import { readBody } from "../../http/body.ts";
import { stackRefFromParams } from "../params.ts";

/**
 * `POST .../decrypt/log-decryption` and `.../log-batch-decryption`: the CLI
 * reports that it showed secrets. The request log line is the audit record;
 * the body (a secret or command name) is read and dropped.
 */
export async function logDecryption(c: Context<AppEnv>) {
  const ref = stackRefFromParams(c);
  await c.get("services").stacks.getStack(ref);
  await readBody(c);
  return c.json({});
}
