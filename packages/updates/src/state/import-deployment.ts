import type { StackRecord } from "@procella/stacks";
import type { Caller } from "@procella/types";

import type { UpdatesContext } from "../context.ts";
import { summarizeDeployment } from "./deployment-text.ts";
import { runSingleShotUpdate } from "./single-shot-update.ts";

/**
 * `pulumi stack import` and every `pulumi state ...` edit: the deployment
 * becomes the stack's next version, recorded as an `import` update.
 */
export async function importDeployment(
  context: UpdatesContext,
  caller: Caller,
  stack: StackRecord,
  deployment: Uint8Array,
): Promise<{ updateId: string }> {
  // TODO: check `features` against the ones the CLI knows once a list is kept here; today a version 4
  // deployment with an unknown feature is stored, and the CLI then cannot read the stack until it is re-imported.
  const { resourceCount } = summarizeDeployment(deployment);
  const { updateId } = await runSingleShotUpdate(context, caller, stack, "import", async () => ({
    text: deployment,
    resourceCount,
  }));
  return { updateId };
}
