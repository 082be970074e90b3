import type { Context } from "hono";

import type { AppEnv } from "../../env.ts";
import { readBody } from "../../http/body.ts";
import { stackRefFromParams } from "../params.ts";

/** `POST .../update/{updateId}/cancel`: `pulumi cancel`, with the API token; idempotent. */
export async function cancelUpdate(c: Context<AppEnv>) {
  const { stacks, updates } = c.get("services");
  const stack = await stacks.getStack(stackRefFromParams(c));
  await readBody(c);
  await updates.cancelUpdate(stack, c.req.param("updateId") ?? "");
  return c.json({});
}

/** `GET .../update/{updateId}/events`: engine events in order; a null token means the stream is complete. */
export async function listUpdateEvents(c: Context<AppEnv>) {
  const { stacks, updates } = c.get("services");
  const stack = await stacks.getStack(stackRefFromParams(c));
  const token = c.req.query("continuationToken");
  const page = await updates.listEvents(stack, c.req.param("updateId") ?? "", {
    continuationToken: token === undefined || token === "" ? undefined : token,
  });
  return c.json({ events: page.events, continuationToken: page.continuationToken ?? null });
}
