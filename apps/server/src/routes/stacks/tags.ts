import type { Context } from "hono";
import { z } from "zod";

import type { AppEnv } from "../../env.ts";
import { readJsonBody } from "../../http/body.ts";
import { stackRefFromParams } from "../params.ts";

/** The complete new tag set: the CLI sends every tag on each change. */
export const replaceTagsRequest = z.record(z.string(), z.string({ error: "tag values must be strings" }));

/** `PATCH /api/stacks/{org}/{project}/{stack}/tags`: `pulumi stack tag set/rm`. */
export async function replaceStackTags(c: Context<AppEnv>) {
  const ref = stackRefFromParams(c);
  const tags = await readJsonBody(c, replaceTagsRequest);
  await c.get("services").stacks.replaceTags(ref, tags);
  return c.body(null, 204);
}
