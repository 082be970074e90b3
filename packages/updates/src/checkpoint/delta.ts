import { createHash } from "node:crypto";
import { CheckpointHashMismatchError, InvalidDeltaError } from "./errors.ts";

/**
 * Checkpoint deltas as sent by `PATCH …/checkpointdelta`.
 *
 * The CLI diffs its new checkpoint text against the text of its previous successful save in
 * the same update (pkg/backend/httpstate/diffs.go, read at v3.259.0) and sends the edits as
 * JSON-encoded gotextdiff `TextEdit` values:
 *
 *     [{"Span":{"uri":"","start":{"line":1,"column":1,"offset":121},
 *               "end":{"line":1,"column":1,"offset":161}},"NewText":"…"}]
 *
 * Offsets count bytes of the previous text, while line, column and uri carry no information.
 * The CLI emits edits in ascending order without overlap.
 */

/** One validated edit: replace bytes [start, end) of the previous text with `newText`. */
export interface CheckpointEdit {
  start: number;
  end: number;
  newText: string;
}

/** Returns the lowercase hex SHA-256 of a checkpoint text, the form the CLI sends as `checkpointHash`. */
export function checkpointHash(text: Uint8Array): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Throws CheckpointHashMismatchError unless `text` hashes to `expectedHash` (hex, any case). */
export function verifyCheckpointHash(text: Uint8Array, expectedHash: string): void {
  const actual = checkpointHash(text);
  if (actual !== expectedHash.toLowerCase()) {
    throw new CheckpointHashMismatchError(
      `Checkpoint hash mismatch: applying the delta gave SHA-256 ${actual}, but the request expected ${expectedHash}. ` +
        "The delta was made against a different previous checkpoint; send the full checkpoint instead.",
    );
  }
}

/**
 * Validates a parsed `deploymentDelta` against the length of the previous text and returns
 * its edits. Throws InvalidDeltaError naming the first bad edit.
 */
export function parseCheckpointEdits(edits: unknown, previousLength: number): CheckpointEdit[] {
  if (!Array.isArray(edits)) {
    throw new InvalidDeltaError(`Invalid checkpoint delta: expected a JSON array of edits, got ${describeJsonType(edits)}.`);
  }

  const parsed: CheckpointEdit[] = [];
  let previousEnd = 0;
  edits.forEach((edit: unknown, index) => {
    const fail = (reason: string): never => {
      throw new InvalidDeltaError(`Invalid checkpoint delta: edit ${index} ${reason}.`, { editIndex: index });
    };

    const span = field(edit, "Span");
    const start = field(field(span, "start"), "offset");
    const end = field(field(span, "end"), "offset");
    const newText = field(edit, "NewText");
    if (!isByteOffset(start) || !isByteOffset(end)) {
      return fail('needs "Span.start.offset" and "Span.end.offset" as non-negative integers');
    }
    if (typeof newText !== "string") {
      return fail('needs "NewText" as a string');
    }
    if (start > end) {
      return fail(`starts at byte ${start}, after its end at byte ${end}`);
    }
    if (end > previousLength) {
      return fail(`ends at byte ${end}, beyond the ${previousLength}-byte previous checkpoint`);
    }
    if (start < previousEnd) {
      return fail(
        `starts at byte ${start}, before the previous edit ends at byte ${previousEnd}; edits must be ascending and must not overlap`,
      );
    }
    previousEnd = end;
    parsed.push({ start, end, newText });
  });
  return parsed;
}

/**
 * Applies a checkpoint delta to the previous checkpoint text and returns the new text.
 * Runs in time linear in the sizes of the previous text and the edits.
 *
 * `edits` is the parsed `deploymentDelta` of the request. Throws InvalidDeltaError when it
 * is not an array of edits that are ascending, non-overlapping and within the previous text.
 * Check the result with `verifyCheckpointHash` before storing it.
 *
 * @example
 * const next = applyCheckpointDelta(previousText, body.deploymentDelta);
 * verifyCheckpointHash(next, body.checkpointHash);
 */
export function applyCheckpointDelta(previous: Uint8Array, edits: unknown): Uint8Array {
  const parsed = parseCheckpointEdits(edits, previous.length);
  const encoder = new TextEncoder();
  // NOTE: a NewText holding a lone UTF-16 surrogate (only possible through a \uD800-style
  // escape) is encoded as U+FFFD, the same replacement Go's JSON decoder makes.
  const replacements = parsed.map((edit) => encoder.encode(edit.newText));

  let size = previous.length;
  parsed.forEach((edit, index) => {
    size += (replacements[index]?.length ?? 0) - (edit.end - edit.start);
  });

  const result = new Uint8Array(size);
  let written = 0;
  let copiedUpTo = 0;
  parsed.forEach((edit, index) => {
    result.set(previous.subarray(copiedUpTo, edit.start), written);
    written += edit.start - copiedUpTo;
    const replacement = replacements[index] ?? new Uint8Array(0);
    result.set(replacement, written);
    written += replacement.length;
    copiedUpTo = edit.end;
  });
  result.set(previous.subarray(copiedUpTo), written);
  return result;
}

function field(value: unknown, name: string): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return undefined;
  }
  return (value as Record<string, unknown>)[name]; // narrowed above: a non-null, non-array object
}

function isByteOffset(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

function describeJsonType(value: unknown): string {
  if (value === null) {
    return "null";
  }
  return Array.isArray(value) ? "an array" : typeof value;
}
