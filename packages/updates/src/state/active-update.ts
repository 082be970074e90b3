import { eq } from "drizzle-orm";

import { type Transaction, type UpdateRow, updates } from "@procella/db";
import { BadRequestError, ConflictError, NotFoundError } from "@procella/types";

import type { Lease } from "../updates-service.ts";

/**
 * Locks the update row of `lease` for the rest of `tx` and checks that it is
 * still in progress. The lock serialises the writes of one update, so a
 * delta always applies to the checkpoint the previous request stored.
 */
export async function lockActiveUpdate(tx: Transaction, lease: Lease, action: string): Promise<UpdateRow> {
  const [row] = await tx.select().from(updates).where(eq(updates.id, lease.updateId)).for("update").limit(1);
  if (!row) {
    throw new NotFoundError(`Update '${lease.updateId}' not found.`);
  }
  if (row.status !== "in-progress") {
    throw new ConflictError(`Cannot ${action}: update '${lease.updateId}' is no longer in progress; its status is ${row.status}.`);
  }
  return row;
}

/** As lockActiveUpdate, and also rejects dry runs, which never change state. */
export async function lockStateChangingUpdate(tx: Transaction, lease: Lease, action: string): Promise<UpdateRow> {
  const row = await lockActiveUpdate(tx, lease, action);
  if (row.dryRun || row.version === null) {
    throw new BadRequestError(`Cannot ${action}: update '${lease.updateId}' is a preview, which does not change state.`);
  }
  return row;
}
