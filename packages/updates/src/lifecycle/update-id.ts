import { NotFoundError } from "@procella/types";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Rejects ids that are not UUIDs before they reach a uuid column, as not found. */
export function assertUpdateId(updateId: string): void {
  if (!uuidPattern.test(updateId)) {
    throw new NotFoundError(`Update '${updateId.slice(0, 60)}' not found.`);
  }
}
