import type { Context } from "hono";
import { z } from "zod";

import { validateProjectName, validateStackName } from "@procella/types";

import type { AppEnv } from "../../env.ts";
import { readJsonBody } from "../../http/body.ts";
import { requireCaller } from "../caller.ts";
import { orgFromParams } from "../params.ts";

/** Pulumi's `apitype.CreateStackRequest`; the project comes from the path, the stack name from the body. */
export const createStackRequest = z.object({
  stackName: z.string({ error: "stackName is required" }),
  tags: z.record(z.string(), z.string()).nullish(),
  teams: z.array(z.string()).nullish(),
  state: z.unknown().optional(),
  config: z.unknown().optional(),
});
export type CreateStackRequest = z.infer<typeof createStackRequest>;

/** `POST /api/stacks/{org}/{project}`: `pulumi stack init` and the create-on-first-use paths. */
export async function createStack(c: Context<AppEnv>) {
  const caller = requireCaller(c);
  const orgName = orgFromParams(c);
  const projectName = c.req.param("project") ?? "";
  validateProjectName(projectName);
  const body = await readJsonBody(c, createStackRequest);
  validateStackName(body.stackName);

  const { stacks, updates } = c.get("services");
  const stack = await stacks.createStack(caller, { orgName, projectName, stackName: body.stackName }, { tags: body.tags ?? {} });
  if (body.state !== undefined && body.state !== null) {
    // An initial state becomes version 1, like a `pulumi stack import` right after creation.
    await updates.importDeployment(caller, stack, new TextEncoder().encode(JSON.stringify(body.state)));
  }
  return c.json({});
}
