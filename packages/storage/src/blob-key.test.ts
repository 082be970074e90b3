import { describe, expect, test } from "bun:test";
import { MAX_BLOB_KEY_LENGTH, MAX_BLOB_KEY_SEGMENT_LENGTH, validateBlobKey } from "./blob-key.ts";
import { InvalidBlobKeyError } from "./errors.ts";

describe("validateBlobKey", () => {
  test.each([
    "a",
    "checkpoints/0d7c3f0e-6f1a-4e3b-9a51-2c1f8e7b4a10/12.json",
    ".hidden",
    "..dots-in-name",
    "a.b_c-d/E.F",
    "x".repeat(MAX_BLOB_KEY_SEGMENT_LENGTH),
    Array.from({ length: MAX_BLOB_KEY_LENGTH / 2 }, () => "a").join("/").padEnd(MAX_BLOB_KEY_LENGTH, "b"),
  ])("accepts %p", (key) => {
    expect(() => validateBlobKey(key)).not.toThrow();
  });

  test.each([
    ["", "the key is empty"],
    ["/a", "empty segment"],
    ["a/", "empty segment"],
    ["a//b", "empty segment"],
    ["..", "segment '..' is not allowed"],
    ["a/../b", "segment '..' is not allowed"],
    [".", "segment '.' is not allowed"],
    ["a\\b", "outside the allowed set"],
    ["a:b", "outside the allowed set"],
    ["a\nb", "outside the allowed set"],
    ["x".repeat(MAX_BLOB_KEY_LENGTH + 1), "more than the maximum of 512"],
    [`a/${"x".repeat(MAX_BLOB_KEY_SEGMENT_LENGTH + 1)}`, "more than the maximum of 255"],
  ])("rejects %p", (key, message) => {
    expect(() => validateBlobKey(key)).toThrow(InvalidBlobKeyError);
    expect(() => validateBlobKey(key)).toThrow(message);
  });

  test("message escapes control characters", () => {
    expect(() => validateBlobKey("a\nb")).toThrow('"a\\nb"');
  });

  test("message shortens long keys", () => {
    let message = "";
    try {
      validateBlobKey(`${"k".repeat(300)}/../x`);
    } catch (error) {
      message = (error as Error).message; // validateBlobKey throws only InvalidBlobKeyError
    }

    expect(message).toContain(`"${"k".repeat(80)}..."`);
    expect(message).not.toContain("k".repeat(81));
  });
});
