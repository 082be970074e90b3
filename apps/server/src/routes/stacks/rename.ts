import type { Context } from "hono";
import { z } from "zod";

import { validateProjectName, validateStackName } from "@procella/types";

import type { AppEnv } from "../../env.ts";
import { readJsonBody } from "../../http/body.ts";
import { requireCaller } from "../caller.ts";
import { stackRefFromParams } from "../params.ts";

/** Pulumi's `apitype.StackRenameRequest`; the CLI fills both fields. */
export const renameStackRequest = z.object({
  newName: z.string({ error: "newName is required" }),
  newProject: z.string().optional(),
});

/** `POST /api/stacks/{org}/{project}/{stack}/rename`: `pulumi stack rename`, within or across projects. */
export async function renameStack(c: Context<AppEnv>) {
  const ref = stackRefFromParams(c);
  const body = await readJsonBody(c, renameStackRequest);
  const projectName = body.newProject === undefined || body.newProject === "" ? ref.projectName : body.newProject;
  validateProjectName(projectName);
  validateStackName(body.newName);

  const { stacks, updates } = c.get("services");
  const stack = await stacks.getStack(ref);
  await updates.renameStack(requireCaller(c), stack, { projectName, stackName: body.newName });
  return c.body(null, 204);
}
