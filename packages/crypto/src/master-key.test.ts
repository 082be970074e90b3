import { describe, expect, test } from "bun:test";
import { InvalidMasterKeyError } from "./errors.ts";
import { MASTER_KEY_BYTES, formatMasterKey, generateMasterKey, parseMasterKey } from "./master-key.ts";

const keyBytes = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 250) % 256);

describe("parseMasterKey", () => {
  const buffer = Buffer.from(keyBytes);
  const accepted: Array<[string, string]> = [
    ["padded base64", buffer.toString("base64")],
    ["unpadded base64", buffer.toString("base64").replace(/=+$/, "")],
    ["URL-safe base64", buffer.toString("base64url")],
    ["lower-case hex", buffer.toString("hex")],
    ["upper-case hex", buffer.toString("hex").toUpperCase()],
    ["base64 with a trailing newline", `${buffer.toString("base64")}\n`],
  ];

  test.each(accepted)("accepts %s", (_label, value) => {
    expect(parseMasterKey(value)).toEqual(keyBytes);
  });

  const rejected: Array<[string, string]> = [
    ["empty", ""],
    ["16-byte base64", Buffer.alloc(16, 7).toString("base64")],
    ["33-byte base64", Buffer.alloc(33, 7).toString("base64")],
    ["62 hex characters", "ab".repeat(31)],
    ["characters outside base64", `${buffer.toString("base64").slice(0, 40)}!!!!`],
    ["inner spaces", buffer.toString("base64").replace(/(.{10})/, "$1 ")],
  ];

  test.each(rejected)("rejects %s", (_label, value) => {
    expect(() => parseMasterKey(value)).toThrow(InvalidMasterKeyError);
    expect(() => parseMasterKey(value)).toThrow("PROCELLA_ENCRYPTION_KEY");
  });

  test("message omits the value", () => {
    const value = Buffer.alloc(16, 0x5a).toString("base64");

    let message = "";
    try {
      parseMasterKey(value);
    } catch (error) {
      message = (error as Error).message; // parseMasterKey throws only Error subclasses
    }

    expect(message).toContain("decodes to 16 bytes");
    expect(message).not.toContain(value);
  });
});

describe("generateMasterKey", () => {
  test("returns 32 distinct random bytes", () => {
    const first = generateMasterKey();
    const second = generateMasterKey();

    expect(first.byteLength).toBe(MASTER_KEY_BYTES);
    expect(first).not.toEqual(second);
  });

  test("round trips through formatMasterKey", () => {
    const key = generateMasterKey();

    expect(parseMasterKey(formatMasterKey(key))).toEqual(key);
  });

  test("formatMasterKey rejects a short key", () => {
    expect(() => formatMasterKey(new Uint8Array(8))).toThrow(InvalidMasterKeyError);
  });
});
