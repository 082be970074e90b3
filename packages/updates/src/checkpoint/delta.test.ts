import { describe, expect, test } from "bun:test";
import { applyCheckpointDelta, checkpointHash, parseCheckpointEdits, verifyCheckpointHash } from "./delta.ts";
import { CheckpointHashMismatchError, InvalidDeltaError } from "./errors.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function bytes(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Builds one edit in the CLI's wire shape, with the meaningless line, column and uri fields. */
function edit(start: number, end: number, newText: string): unknown {
  return {
    Span: { uri: "", start: { line: 1, column: 1, offset: start }, end: { line: 1, column: 1, offset: end } },
    NewText: newText,
  };
}

/**
 * Three consecutive deltas and their hashes, taken from the CLI's own test data
 * (pkg/backend/httpstate/testdata/snapshot_test.json in pulumi/pulumi, read at v3.259.0).
 */
describe("applyCheckpointDelta golden chain", () => {
  const resource1 = '{"urn":"urn-1","custom":false,"type":""}';
  const resource2 = '{"urn":"urn-2","custom":false,"type":""}';
  const first =
    '{"version":3,"deployment":{"manifest":{"time":"0001-01-01T00:00:00Z","magic":"","version":""},' +
    `"metadata":{},"resources":[${resource1}]}}`;

  const steps = [
    {
      name: "adds a second resource",
      edits: [edit(121, 161, `${resource1},${resource2}`)],
      hash: "5ffa59a4628983b155933e87fd91ef1f5e76cb2dfdd413eefc3bedb52a7ce1c4",
    },
    {
      name: "removes the second resource",
      edits: [edit(121, 202, resource1)],
      hash: "fa39495cd65a25d850d69388092ae6efcdb5e999ca72b378384236bc77e098a4",
    },
    {
      name: "rewrites the head for version 4",
      edits: [
        edit(
          0,
          161,
          '{"version":4,"features":["refreshBeforeUpdate"],"deployment":{"manifest":{"time":"0001-01-01T00:00:00Z",' +
            '"magic":"","version":""},"metadata":{},"resources":[{"urn":"urn-1","custom":false,"type":"","refreshBeforeUpdate":true}',
        ),
      ],
      hash: "5e927ea2f899447a4b917769e32d921f96dd19c637c593eb936563380f2be3a3",
    },
  ];

  test("first text starts the resources at byte 121", () => {
    expect(first.indexOf(resource1)).toBe(121);
  });

  test("each step matches the CLI's hash", () => {
    let text = bytes(first);
    for (const step of steps) {
      text = applyCheckpointDelta(text, step.edits);

      expect({ step: step.name, hash: checkpointHash(text) }).toStrictEqual({ step: step.name, hash: step.hash });
    }
    expect(JSON.parse(decoder.decode(text))).toStrictEqual({
      version: 4,
      features: ["refreshBeforeUpdate"],
      deployment: {
        manifest: { time: "0001-01-01T00:00:00Z", magic: "", version: "" },
        metadata: {},
        resources: [{ urn: "urn-1", custom: false, type: "", refreshBeforeUpdate: true }],
      },
    });
  });
});

describe("applyCheckpointDelta", () => {
  const previous = bytes("0123456789");

  test.each([
    { name: "no edits copies the text", edits: [], expected: "0123456789" },
    { name: "insert at start", edits: [edit(0, 0, "ab")], expected: "ab0123456789" },
    { name: "insert at end", edits: [edit(10, 10, "ab")], expected: "0123456789ab" },
    { name: "delete a range", edits: [edit(2, 5, "")], expected: "0156789" },
    { name: "replace everything", edits: [edit(0, 10, "x")], expected: "x" },
    { name: "adjacent edits", edits: [edit(0, 2, "a"), edit(2, 4, "b"), edit(4, 4, "c")], expected: "abc456789" },
    { name: "two inserts at one offset keep their order", edits: [edit(3, 3, "a"), edit(3, 3, "b")], expected: "012ab3456789" },
    { name: "multi-byte text", edits: [edit(1, 2, "é€😀")], expected: "0é€😀23456789" },
  ])("$name", ({ edits, expected }) => {
    expect(decoder.decode(applyCheckpointDelta(previous, edits))).toBe(expected);
  });

  test("result does not alias the previous text", () => {
    const result = applyCheckpointDelta(previous, []);
    result[0] = 0x41;

    expect(decoder.decode(previous)).toBe("0123456789");
  });

  test("empty previous text accepts an insert", () => {
    expect(decoder.decode(applyCheckpointDelta(new Uint8Array(0), [edit(0, 0, "{}")]))).toBe("{}");
  });
});

describe("applyCheckpointDelta rejects", () => {
  const previous = bytes("0123456789");

  test.each([
    { name: "an object instead of an array", edits: { Span: {} }, message: /expected a JSON array of edits, got object/ },
    { name: "null", edits: null, message: /got null/ },
    { name: "a missing Span", edits: [{ NewText: "" }], message: /edit 0 needs "Span.start.offset"/ },
    { name: "a string offset", edits: [{ Span: { start: { offset: "1" }, end: { offset: 2 } }, NewText: "" }], message: /edit 0 needs/ },
    { name: "a negative offset", edits: [edit(-1, 2, "")], message: /non-negative integers/ },
    { name: "a fractional offset", edits: [edit(1.5, 2, "")], message: /non-negative integers/ },
    { name: "a missing NewText", edits: [{ Span: { start: { offset: 0 }, end: { offset: 0 } } }], message: /"NewText" as a string/ },
    { name: "start after end", edits: [edit(5, 4, "")], message: /starts at byte 5, after its end at byte 4/ },
    { name: "end past the text", edits: [edit(5, 11, "")], message: /ends at byte 11, beyond the 10-byte/ },
    { name: "overlapping edits", edits: [edit(0, 5, ""), edit(4, 6, "")], message: /edit 1 starts at byte 4, before the previous edit ends at byte 5/ },
    { name: "descending edits", edits: [edit(6, 7, ""), edit(1, 2, "")], message: /edit 1 starts at byte 1/ },
  ])("$name", ({ edits, message }) => {
    expect(() => applyCheckpointDelta(previous, edits)).toThrow(InvalidDeltaError);
    expect(() => applyCheckpointDelta(previous, edits)).toThrow(message);
  });

  test("error names the edit index", () => {
    try {
      parseCheckpointEdits([edit(0, 1, ""), edit(3, 99, "")], 10);
      throw new Error("parseCheckpointEdits accepted an edit past the end");
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidDeltaError);
      expect((error as InvalidDeltaError).editIndex).toBe(1);
      expect((error as InvalidDeltaError).status).toBe(422);
    }
  });
});

describe("checkpointHash", () => {
  test("hashes the empty text", () => {
    // SHA-256 of zero bytes, as printed by `sha256sum < /dev/null`.
    expect(checkpointHash(new Uint8Array(0))).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  test("verification accepts uppercase hex", () => {
    const text = bytes("{}");

    expect(() => verifyCheckpointHash(text, checkpointHash(text).toUpperCase())).not.toThrow();
  });

  test("verification rejects another text's hash", () => {
    expect(() => verifyCheckpointHash(bytes("{}"), checkpointHash(bytes("[]")))).toThrow(CheckpointHashMismatchError);
  });
});
