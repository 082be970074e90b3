import { and, eq } from "drizzle-orm";

import { stacks, updates } from "@procella/db";
import type { StackRef } from "@procella/stacks";
import { ConflictError, ForbiddenError, UnauthorizedError } from "@procella/types";

import type { UpdatesContext } from "../context.ts";
import type { Lease } from "../updates-service.ts";
import { generateLeaseToken, hashLeaseToken } from "./lease-token.ts";
import { assertUpdateId } from "./update-id.ts";

const invalidToken = "Unauthorized: the update token is not valid for this update.";

/**
 * Checks an `update-token`: it must be the current (or just-replaced) lease
 * of this update, the update must belong to the stack in the path, be in
 * progress, and its lease must not have expired. Other updates' tokens get
 * the same 401 as unknown ones. With `allowFinished`, the token of an update
 * that already ended is accepted too, so a retried `complete` succeeds.
 */
export async function authenticateLease(
  context: UpdatesContext,
  stackRef: StackRef,
  updateId: string,
  token: string,
  options: { allowFinished?: boolean } = {},
): Promise<Lease> {
  assertUpdateId(updateId);
  const [row] = await context.db
    .select({
      updateId: updates.id,
      stackId: updates.stackId,
      status: updates.status,
      leaseTokenHash: updates.leaseTokenHash,
      previousLeaseTokenHash: updates.previousLeaseTokenHash,
      leaseExpiresAt: updates.leaseExpiresAt,
    })
    .from(updates)
    .innerJoin(stacks, eq(stacks.id, updates.stackId))
    .where(
      and(
        eq(updates.id, updateId),
        eq(stacks.orgName, stackRef.orgName),
        eq(stacks.projectName, stackRef.projectName),
        eq(stacks.stackName, stackRef.stackName),
      ),
    )
    .limit(1);

  const hash = hashLeaseToken(token);
  if (!row || (hash !== row.leaseTokenHash && hash !== row.previousLeaseTokenHash)) {
    throw new UnauthorizedError(invalidToken);
  }
  if (options.allowFinished && row.status !== "in-progress" && row.status !== "not-started") {
    return { updateId: row.updateId, stackId: row.stackId };
  }
  if (row.status !== "in-progress") {
    throw new ConflictError(`Update '${updateId}' is no longer in progress; its status is ${row.status}.`);
  }
  if (!row.leaseExpiresAt || row.leaseExpiresAt.getTime() <= context.now().getTime()) {
    throw new ForbiddenError(`The lease of update '${updateId}' has expired.`);
  }
  return { updateId: row.updateId, stackId: row.stackId };
}

/**
 * Replaces the lease token. The old token stays valid until the new
 * expiry, because requests the CLI sent with it may still be in flight.
 */
export async function renewLease(
  context: UpdatesContext,
  lease: Lease,
  durationSeconds: number,
): Promise<{ token: string; tokenExpiration: number }> {
  const token = generateLeaseToken();
  const seconds = Math.max(1, Math.min(durationSeconds, context.leaseSeconds));
  const now = context.now();
  const expiresAt = new Date(now.getTime() + seconds * 1000);

  return context.db.transaction(async (tx) => {
    const [update] = await tx
      .select({ status: updates.status, leaseTokenHash: updates.leaseTokenHash, leaseExpiresAt: updates.leaseExpiresAt })
      .from(updates)
      .where(eq(updates.id, lease.updateId))
      .for("update")
      .limit(1);
    if (!update || update.status !== "in-progress" || !update.leaseExpiresAt || update.leaseExpiresAt <= now) {
      // A 403 tells the CLI the lease is gone for good, so it stops renewing.
      throw new ForbiddenError(`The lease of update '${lease.updateId}' has expired or the update has ended.`);
    }
    await tx
      .update(updates)
      .set({
        leaseTokenHash: hashLeaseToken(token),
        previousLeaseTokenHash: update.leaseTokenHash,
        leaseExpiresAt: expiresAt,
        updatedAt: now,
      })
      .where(eq(updates.id, lease.updateId));
    return { token, tokenExpiration: Math.floor(expiresAt.getTime() / 1000) };
  });
}
