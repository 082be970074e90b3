import { isUniqueViolation, updates } from "@procella/db";
import type { StackRecord } from "@procella/stacks";
import { type Caller, ConflictError } from "@procella/types";

import type { UpdatesContext } from "../context.ts";
import type { UpdateKind, UpdateProgram } from "../updates-service.ts";

/** Pulumi Cloud's wording; the CLI adds its own explanation and a link to the conflicts doc. */
export const updateConflictMessage = "Another update is currently in progress.";

/**
 * Inserts a not-started update. The partial unique index on active
 * non-dry-run updates turns a second concurrent `pulumi up` into a 409.
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
  try {
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
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError(updateConflictMessage, { cause: error });
    }
    throw error;
  }
}
