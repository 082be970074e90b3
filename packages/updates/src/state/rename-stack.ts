import { eq } from "drizzle-orm";

import { isUniqueViolation, stacks } from "@procella/db";
import type { StackRecord } from "@procella/stacks";
import { type Caller, ConflictError } from "@procella/types";

import type { UpdatesContext } from "../context.ts";
import type { UntypedDeployment } from "../journal/types.ts";
import { renameStackInDeployment } from "../rename/rename-stack.ts";
import { encodeJson, summarizeDeploymentObject } from "./deployment-text.ts";
import { runSingleShotUpdate } from "./single-shot-update.ts";

/**
 * `pulumi stack rename`: renames the stack and, when it has state, stores a
 * `rename` version whose URNs carry the new project and stack names, so the
 * next preview finds every resource. Secrets stay decryptable because their
 * key derives from the stack id, which does not change.
 */
export async function renameStack(
  context: UpdatesContext,
  caller: Caller,
  stack: StackRecord,
  target: { projectName: string; stackName: string },
): Promise<void> {
  const hasState = stack.version > 0;
  const rename = async (tx: Parameters<Parameters<typeof runSingleShotUpdate>[4]>[0]) => {
    try {
      await tx
        .update(stacks)
        .set({ projectName: target.projectName, stackName: target.stackName, updatedAt: context.now() })
        .where(eq(stacks.id, stack.id));
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(`Stack '${stack.orgName}/${target.projectName}/${target.stackName}' already exists.`, {
          cause: error,
        });
      }
      throw error;
    }
  };

  if (!hasState) {
    await context.db.transaction(rename);
    return;
  }

  await runSingleShotUpdate(context, caller, stack, "rename", async (tx, current) => {
    await rename(tx);
    const text = await context.checkpoints.read(stack.id, current.version, tx);
    if (!text) {
      return {};
    }
    const deployment = JSON.parse(new TextDecoder().decode(text)) as UntypedDeployment;
    const renamed = renameStackInDeployment(
      deployment,
      { project: stack.projectName, stack: stack.stackName },
      { project: target.projectName, stack: target.stackName },
    );
    return { text: encodeJson(renamed), resourceCount: summarizeDeploymentObject(renamed).resourceCount };
  });
}
