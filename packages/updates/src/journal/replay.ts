import { JournalReplayError } from "./errors.ts";
import { jsonEqual } from "./json-equal.ts";
import { JournalReplayer, type ReplayOptions } from "./replayer.ts";
import type { DeploymentV3, JournalEntry, UntypedDeployment } from "./types.ts";

/**
 * Builds the deployment an update's journal describes, as the CLI's reference replayer would
 * (pkg/backend/journal.go, read at v3.259.0).
 *
 * `base` is the deployment the CLI exported when the update started, and the `…Old`
 * indices of the entries point into its `resources`. Pass undefined for a stack without state.
 * Entries may arrive in any order and more than once, because the CLI retries batches:
 * they are applied in sequence ID order, and a repeated sequence ID is applied once.
 * The result is version 4 with sorted `features` when any feature is in use, else version 3.
 *
 * Cost is linear in the size of the base and the entries. Entries that arrive in order are
 * not sorted again, and out-of-order ones cost one O(n log n) sort. Inputs are not modified.
 *
 * Throws JournalReplayError when the base is not schema version 3 or 4, an entry is
 * malformed, two entries share a sequence ID but differ, or an entry refers to state that
 * does not exist.
 *
 * @example
 * const next = replayJournal(exported, storedEntries, { now: new Date(), engineVersion: "v3.276.0" });
 */
export function replayJournal(
  base: UntypedDeployment | undefined,
  entries: readonly JournalEntry[],
  options: ReplayOptions,
): UntypedDeployment {
  const replayer = new JournalReplayer(baseDeployment(base), options);
  for (const entry of orderJournalEntries(entries)) {
    replayer.add(entry);
  }
  return replayer.generate();
}

/**
 * Returns the entries sorted by sequence ID with repeats removed. Throws JournalReplayError
 * for an entry without integer sequence and operation IDs, or for two different entries that
 * share a sequence ID.
 */
export function orderJournalEntries(entries: readonly JournalEntry[]): JournalEntry[] {
  let sorted = true;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (entry === undefined) {
      throw new JournalReplayError(`Journal entry ${i} is missing.`);
    }
    validateEntryShape(entry, i);
    const previous = entries[i - 1];
    if (previous !== undefined && previous.sequenceID > entry.sequenceID) {
      sorted = false;
    }
  }
  // Array.prototype.sort is stable, so of two copies of one entry the first received stays first.
  const ordered = sorted ? entries : [...entries].sort((a, b) => a.sequenceID - b.sequenceID);

  const unique: JournalEntry[] = [];
  for (const entry of ordered) {
    const last = unique[unique.length - 1];
    if (last === undefined || last.sequenceID !== entry.sequenceID) {
      unique.push(entry);
    } else if (!jsonEqual(last, entry)) {
      throw new JournalReplayError(
        `Journal entries with sequence ID ${entry.sequenceID} differ; a retried entry must repeat the original exactly.`,
        { sequenceID: entry.sequenceID },
      );
    }
  }
  return unique;
}

function baseDeployment(base: UntypedDeployment | undefined): DeploymentV3 | undefined {
  if (base?.deployment === undefined || base.deployment === null) {
    return undefined;
  }
  if (base.version !== 3 && base.version !== 4) {
    throw new JournalReplayError(
      `Cannot replay a journal onto a deployment of schema version ${String(base.version)}; only versions 3 and 4 are supported.`,
    );
  }
  validateDeploymentShape(base.deployment, "The base deployment");
  return base.deployment;
}

/** Checks the deployment fields the replayer iterates over. */
function validateDeploymentShape(deployment: DeploymentV3, label: string): void {
  if (!isObject(deployment)) {
    throw new JournalReplayError(`${label} is not an object.`);
  }
  const resources = deployment.resources;
  if (resources !== undefined && resources !== null && !(Array.isArray(resources) && resources.every(isObject))) {
    throw new JournalReplayError(`${label} has invalid resources: expected an array of objects.`);
  }
  const operations = deployment.pending_operations;
  const validOperations =
    operations === undefined ||
    operations === null ||
    (Array.isArray(operations) && operations.every((operation) => isObject(operation) && isObject(operation.resource)));
  if (!validOperations) {
    throw new JournalReplayError(`${label} has invalid pending_operations: expected objects with a resource object.`);
  }
}

const indexFields = [
  "removeOld",
  "removeNew",
  "pendingReplacementOld",
  "pendingReplacementNew",
  "deleteOld",
  "deleteNew",
] as const;

const objectFields = ["state", "operation", "secretsProvider", "newSnapshot", "extension"] as const;

/** Checks the fields the replayer uses as numbers or objects, so bad input fails loudly instead of matching nothing. */
function validateEntryShape(entry: JournalEntry, position: number): void {
  if (typeof entry !== "object" || entry === null) {
    throw new JournalReplayError(`Journal entry ${position} is not an object.`);
  }
  const label = `Journal entry ${position} (sequence ID ${String(entry.sequenceID)})`;
  for (const field of ["sequenceID", "operationID", "kind"] as const) {
    if (!Number.isSafeInteger(entry[field])) {
      throw new JournalReplayError(`${label} has an invalid ${field}: expected an integer.`);
    }
  }
  for (const field of indexFields) {
    const value = entry[field];
    if (value !== null && value !== undefined && !Number.isSafeInteger(value)) {
      throw new JournalReplayError(`${label} has an invalid ${field}: expected an integer or null.`);
    }
  }
  for (const field of objectFields) {
    const value = entry[field];
    if (value !== null && value !== undefined && (typeof value !== "object" || Array.isArray(value))) {
      throw new JournalReplayError(`${label} has an invalid ${field}: expected an object or null.`);
    }
  }
  if (isObject(entry.operation) && !isObject(entry.operation.resource)) {
    throw new JournalReplayError(`${label} has an operation without a resource object.`);
  }
  if (isObject(entry.newSnapshot)) {
    validateDeploymentShape(entry.newSnapshot, `The newSnapshot of ${label.charAt(0).toLowerCase()}${label.slice(1)}`);
  }
  if (entry.snippets !== null && entry.snippets !== undefined && !Array.isArray(entry.snippets)) {
    throw new JournalReplayError(`${label} has invalid snippets: expected an array or null.`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
