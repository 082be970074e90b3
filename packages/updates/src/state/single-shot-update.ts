import { and, eq, inArray } from "drizzle-orm";

import { stacks, type Transaction, updates } from "@procella/db";
import type { StackRecord } from "@procella/stacks";
import { type Caller, ConflictError, NotFoundError } from "@procella/types";

import type { UpdatesContext } from "../context.ts";
import { updateConflictMessage } from "../lifecycle/create-update.ts";
import type { UpdateKind } from "../updates-service.ts";

export interface SingleShotWrite {
  /** New deployment text, or undefined when the state does not change. */
  text?: Uint8Array;
  resourceCount?: number;
}

/**
 * Runs a state change that the CLI makes outside the update protocol (stack
 * import, stack rename) as one transaction. It locks the stack, rejects the
 * change while an update is active, and allocates the next version. Then it
 * records a finished update of `kind` in history and writes the checkpoint.
 */
export async function runSingleShotUpdate(
  context: UpdatesContext,
  caller: Caller,
  stack: StackRecord,
  kind: UpdateKind,
  work: (tx: Transaction, current: { version: number }) => Promise<SingleShotWrite>,
): Promise<{ updateId: string; version: number }> {
  const uploaded: string[] = [];
  const replaced: string[] = [];
  try {
    const result = await context.db.transaction(async (tx) => {
      const [stackRow] = await tx.select().from(stacks).where(eq(stacks.id, stack.id)).for("update").limit(1);
      if (!stackRow) {
        throw new NotFoundError(`Stack '${stack.orgName}/${stack.projectName}/${stack.stackName}' not found.`);
      }
      const active = await tx
        .select({ id: updates.id })
        .from(updates)
        .where(
          and(
            eq(updates.stackId, stack.id),
            eq(updates.status, "in-progress"),
            eq(updates.dryRun, false),
          ),
        )
        .limit(1);
      if (active.length > 0) {
        throw new ConflictError(updateConflictMessage);
      }

      const write = await work(tx, { version: stackRow.version });
      const version = stackRow.version + 1;
      const now = context.now();
      const [update] = await tx
        .insert(updates)
        .values({
          stackId: stack.id,
          kind,
          status: "succeeded",
          requestedBy: caller.login,
          version,
          baseVersion: stackRow.version,
          resourceCount: write.resourceCount ?? stackRow.resourceCount,
          startedAt: now,
          endedAt: now,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: updates.id });
      if (!update) {
        throw new Error("update insert returned no row");
      }
      await tx.update(stacks).set({ version, updatedAt: now }).where(eq(stacks.id, stack.id));

      if (write.text) {
        const checkpoint = {
          stackId: stack.id,
          version,
          updateId: update.id,
          text: write.text,
          resourceCount: write.resourceCount ?? 0,
        };
        const blob = await context.checkpoints.upload(checkpoint);
        uploaded.push(blob.blobKey);
        const previousKey = await context.checkpoints.record(tx, checkpoint, blob);
        if (previousKey) replaced.push(previousKey);
        const compacted = await context.checkpoints.compactPrevious(tx, stack.id, version, write.text);
        if (compacted.uploadedKey) uploaded.push(compacted.uploadedKey);
        if (compacted.replacedKey) replaced.push(compacted.replacedKey);
      }
      return { updateId: update.id, version };
    });
    for (const key of replaced) {
      await context.checkpoints.discard(key).catch(() => undefined);
    }
    return result;
  } catch (error) {
    for (const key of uploaded) {
      await context.checkpoints.discard(key).catch(() => undefined);
    }
    throw error;
  }
}
