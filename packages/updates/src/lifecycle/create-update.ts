import { updates } from "@procella/db";
import type { StackRecord } from "@procella/stacks";
import type { Caller } from "@procella/types";

import type { UpdatesContext } from "../context.ts";
import type { UpdateKind, UpdateProgram } from "../updates-service.ts";

/** Pulumi Cloud's wording; the CLI adds its own explanation and a link to the conflicts doc. */
export const updateConflictMessage = "Another update is currently in progress.";

/**
 * Inserts a not-started update. Creating never conflicts: the stack is taken
 * when the update starts, where the CLI explains a 409 best.
 */
export async function createUpdate(
  context: UpdatesContext,
  caller: Caller,
  stack: StackRecord,
  kind: UpdateKind,
  program: UpdateProgram,
): Promise<{ updateId: string }> {
  const dryRun = kind === "preview" || program.options.dryRun === true;
  const { config, metadata, ...programFields } = program;
  const [row] = await context.db
    .insert(updates)
    .values({
      stackId: stack.id,
      kind,
      dryRun,
      program: programFields,
      config,
      message: metadata.message,
      environment: metadata.environment,
      requestedBy: caller.login,
      createdAt: context.now(),
      updatedAt: context.now(),
    })
    .returning({ id: updates.id });
  if (!row) {
    throw new Error("update insert returned no row");
  }
  return { updateId: row.id };
}
