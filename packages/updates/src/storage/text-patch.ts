/**
 * Patches between two versions of a deployment's JSON text, used to store
 * older stack versions as the difference to a newer one. The texts are cut
 * into one segment per resource, at the `{` that opens each object with a
 * `"urn":"` key (the CLI puts `id` before `urn` in custom resources). So a
 * resource that only moved is still found. Identical segments are found
 * by hash, and the patch copies byte ranges of the base or inserts new
 * bytes. Both directions are linear in the size of the texts.
 *
 * Wire form: `{"ops":[[start,end],"inserted text",...]}`; a pair copies
 * `base[start:end)`, a string inserts its UTF-8 bytes. Segment boundaries are
 * ASCII, so inserted runs are always whole UTF-8 sequences.
 */
export type PatchOp = [start: number, end: number] | string;

export interface TextPatch {
  ops: PatchOp[];
}

const segmentMarker = Buffer.from('"urn":"');
const decoder = new TextDecoder("utf-8", { fatal: true });
const encoder = new TextEncoder();

/** How far before a `"urn":"` key the opening `{` of its object may be (room for an `id`). */
const maxObjectHeadBytes = 1024;
const openBrace = 0x7b;

/**
 * Segment start offsets: 0, then the opening brace of each object with a
 * `"urn":"` key. A brace inside a string value can misplace a cut; that only
 * costs patch size, because patches copy exact byte ranges either way.
 */
function segmentStarts(text: Uint8Array): number[] {
  const buffer = Buffer.from(text.buffer, text.byteOffset, text.byteLength);
  const starts = [0];
  let position = buffer.indexOf(segmentMarker, 1);
  while (position !== -1) {
    const brace = buffer.lastIndexOf(openBrace, position);
    const start = brace >= 0 && position - brace <= maxObjectHeadBytes ? brace : position;
    if (start > (starts.at(-1) ?? 0)) {
      starts.push(start);
    }
    position = buffer.indexOf(segmentMarker, position + segmentMarker.length);
  }
  return starts;
}

interface Segment {
  start: number;
  end: number;
  hash: bigint;
}

function segmentsOf(text: Uint8Array): Segment[] {
  const starts = segmentStarts(text);
  return starts.map((start, index) => {
    const end = starts[index + 1] ?? text.byteLength;
    return { start, end, hash: BigInt(Bun.hash(text.subarray(start, end))) };
  });
}

function sameBytes(left: Uint8Array, right: Uint8Array): boolean {
  return left.byteLength === right.byteLength && Buffer.compare(left, right) === 0;
}

/** Computes a patch that turns `base` into `target`. */
export function computePatch(base: Uint8Array, target: Uint8Array): TextPatch {
  const baseSegments = segmentsOf(base);
  const byHash = new Map<bigint, number[]>();
  baseSegments.forEach((segment, index) => {
    const list = byHash.get(segment.hash);
    if (list) {
      list.push(index);
    } else {
      byHash.set(segment.hash, [index]);
    }
  });

  const ops: PatchOp[] = [];
  let pendingCopy: [number, number] | undefined;
  let pendingInsertStart = -1;
  let pendingInsertEnd = -1;
  let previousBaseIndex = -2;

  const flushInsert = () => {
    if (pendingInsertStart >= 0) {
      ops.push(decoder.decode(target.subarray(pendingInsertStart, pendingInsertEnd)));
      pendingInsertStart = -1;
    }
  };
  const flushCopy = () => {
    if (pendingCopy) {
      ops.push(pendingCopy);
      pendingCopy = undefined;
    }
  };

  for (const segment of segmentsOf(target)) {
    const bytes = target.subarray(segment.start, segment.end);
    const candidates = byHash.get(segment.hash) ?? [];
    // Prefer the base segment right after the previous match, so runs merge into one copy.
    const ordered = candidates.includes(previousBaseIndex + 1) ? [previousBaseIndex + 1, ...candidates] : candidates;
    const match = ordered.find((index) => {
      const candidate = baseSegments[index];
      return candidate !== undefined && sameBytes(base.subarray(candidate.start, candidate.end), bytes);
    });

    if (match === undefined) {
      flushCopy();
      if (pendingInsertStart < 0) {
        pendingInsertStart = segment.start;
      }
      pendingInsertEnd = segment.end;
      previousBaseIndex = -2;
      continue;
    }

    flushInsert();
    const matched = baseSegments[match] as Segment;
    if (pendingCopy && pendingCopy[1] === matched.start) {
      pendingCopy[1] = matched.end;
    } else {
      flushCopy();
      pendingCopy = [matched.start, matched.end];
    }
    previousBaseIndex = match;
  }
  flushInsert();
  flushCopy();
  return { ops };
}

/** Applies `patch` to `base`; throws when a copy range lies outside the base. */
export function applyPatch(base: Uint8Array, patch: TextPatch): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  for (const op of patch.ops) {
    let part: Uint8Array;
    if (typeof op === "string") {
      part = encoder.encode(op);
    } else {
      const [start, end] = op;
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > base.byteLength) {
        throw new Error(`patch copy range [${start}, ${end}) is outside the base of ${base.byteLength} bytes`);
      }
      part = base.subarray(start, end);
    }
    parts.push(part);
    total += part.byteLength;
  }
  return Buffer.concat(parts, total);
}
