import type { Context } from "hono";

import type { AppEnv } from "../../env.ts";
import { positiveIntParam, stackRefFromParams } from "../params.ts";
import { toUpdateInfo } from "./wire.ts";

/** `GET .../updates?page=&pageSize=`: `pulumi stack history`, newest first; without paging, everything. */
export async function listUpdates(c: Context<AppEnv>) {
  const { stacks, updates } = c.get("services");
  const stack = await stacks.getStack(stackRefFromParams(c));
  const history = await updates.listHistory(stack, {
    page: positiveIntParam(c.req.query("page"), "page"),
    pageSize: positiveIntParam(c.req.query("pageSize"), "pageSize"),
  });
  return c.json({ updates: history.map(toUpdateInfo) });
}

/** `GET .../updates/latest`: 404 tells the CLI the stack was never deployed. */
export async function getLatestUpdate(c: Context<AppEnv>) {
  const { stacks, updates } = c.get("services");
  const stack = await stacks.getStack(stackRefFromParams(c));
  const latest = await updates.latestUpdate(stack);
  if (!latest) {
    return c.json({ code: 404, message: "No updates found for this stack." }, 404);
  }
  return c.json({ info: toUpdateInfo(latest) });
}

/** `GET .../updates/{version}`: one update of the history by the version it produced. */
export async function getUpdateByVersion(c: Context<AppEnv>) {
  const { stacks, updates } = c.get("services");
  const stack = await stacks.getStack(stackRefFromParams(c));
  const version = positiveIntParam(c.req.param("version"), "version") ?? 0;
  const update = await updates.getUpdateByVersion(stack, version);
  return c.json({ info: toUpdateInfo(update), updateID: update.id });
}

/** `GET .../updates/latest/previews`: the newest dry runs, by update id. */
export async function listLatestPreviews(c: Context<AppEnv>) {
  const { stacks, updates } = c.get("services");
  const stack = await stacks.getStack(stackRefFromParams(c));
  const previews = await updates.listPreviews(stack, {
    page: positiveIntParam(c.req.query("page"), "page"),
    pageSize: positiveIntParam(c.req.query("pageSize"), "pageSize"),
  });
  return c.json({ updates: previews.map((preview) => ({ updateID: preview.id })) });
}
