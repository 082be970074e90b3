import { and, eq } from "drizzle-orm";

import { isUniqueViolation, stacks, updates } from "@procella/db";
import type { StackRecord } from "@procella/stacks";
import { ConflictError, NotFoundError, validateTags } from "@procella/types";

import type { UpdatesContext } from "../context.ts";
import type { StartedUpdate } from "../updates-service.ts";
import { updateConflictMessage } from "./create-update.ts";
import { generateLeaseToken, hashLeaseToken } from "./lease-token.ts";
import { assertUpdateId } from "./update-id.ts";

/** The journal format this server replays; the CLI journals only when the start response contains exactly 1. */
export const supportedJournalVersion = 1;

/**
 * Starts a created update: issues its lease, and for real runs allocates
 * the next stack version in the same transaction, so versions never repeat
 * even when an update fails before writing any state. Non-nil tags replace
 * the stack's tag set, as the CLI expects.
 */
export async function startUpdate(
  context: UpdatesContext,
  stack: StackRecord,
  updateId: string,
  request: { tags?: Record<string, string>; journalVersion?: number },
): Promise<StartedUpdate> {
  assertUpdateId(updateId);
  if (request.tags) {
    validateTags(request.tags);
  }
  const token = generateLeaseToken();
  const now = context.now();
  const expiresAt = new Date(now.getTime() + context.leaseSeconds * 1000);

  try {
    return await context.db.transaction(async (tx) => {
      const [update] = await tx
        .select()
        .from(updates)
        .where(and(eq(updates.id, updateId), eq(updates.stackId, stack.id)))
        .for("update")
        .limit(1);
      if (!update) {
        throw new NotFoundError(`Update '${updateId}' not found.`);
      }
      if (update.status !== "not-started") {
        throw new ConflictError(`Update '${updateId}' was already started; its status is ${update.status}.`);
      }

      const [stackRow] = await tx.select().from(stacks).where(eq(stacks.id, stack.id)).for("update").limit(1);
      if (!stackRow) {
        throw new NotFoundError(`Stack '${stack.orgName}/${stack.projectName}/${stack.stackName}' not found.`);
      }
      const version = update.dryRun ? stackRow.version : stackRow.version + 1;
      const journalVersion =
        !update.dryRun && (request.journalVersion ?? 0) >= supportedJournalVersion ? supportedJournalVersion : 0;

      await tx
        .update(stacks)
        .set({ version, ...(request.tags ? { tags: request.tags } : {}), updatedAt: now })
        .where(eq(stacks.id, stack.id));
      await tx
        .update(updates)
        .set({
          status: "in-progress",
          version,
          baseVersion: stackRow.version,
          journalVersion,
          leaseTokenHash: hashLeaseToken(token),
          leaseExpiresAt: expiresAt,
          startedAt: now,
          updatedAt: now,
        })
        .where(eq(updates.id, updateId));

      return { version, token, tokenExpiration: Math.floor(expiresAt.getTime() / 1000), journalVersion };
    });
  } catch (error) {
    // The partial unique index on running updates: another update started first.
    if (isUniqueViolation(error)) {
      throw new ConflictError(updateConflictMessage, { cause: error });
    }
    throw error;
  }
}
