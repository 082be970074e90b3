import { afterAll, describe, expect, test } from "bun:test";
import type { BlobStorage } from "./blob-storage.ts";
import { InvalidBlobKeyError } from "./errors.ts";

/** Storage under test and an optional function that releases it. Each test gets a fresh, empty one. */
export interface BlobStorageFixture {
  storage: BlobStorage;
  cleanup?: () => Promise<void>;
}

const INVALID_KEYS: Array<[string, string]> = [
  ["empty", ""],
  ["absolute", "/etc/passwd"],
  ["parent segment", "../outside"],
  ["inner parent segment", "a/../../outside"],
  ["current segment", "a/./b"],
  ["trailing slash", "a/b/"],
  ["double slash", "a//b"],
  ["backslash", "a\\b"],
  ["space", "a b"],
  ["null byte", "a\u0000b"],
  ["non-ASCII", "caf\u00e9"],
  ["too long", "a".repeat(513)],
  ["too long segment", `a/${"b".repeat(256)}`],
];

/**
 * Runs the behavior every BlobStorage must share. `createFixture` is called
 * once per test and must return an empty storage.
 */
export function runBlobStorageSuite(name: string, createFixture: () => Promise<BlobStorageFixture>): void {
  describe(`${name} conformance`, () => {
    const cleanups: Array<() => Promise<void>> = [];

    async function newStorage(): Promise<BlobStorage> {
      const fixture = await createFixture();
      if (fixture.cleanup !== undefined) {
        cleanups.push(fixture.cleanup);
      }
      return fixture.storage;
    }

    afterAll(async () => {
      for (const cleanup of cleanups) {
        await cleanup();
      }
    });

    test("check succeeds", async () => {
      const storage = await newStorage();

      await storage.check();
    });

    test("put then get returns the bytes", async () => {
      const storage = await newStorage();
      const data = Uint8Array.from({ length: 512 }, (_, i) => i % 256);

      await storage.put("checkpoints/stack-1/1.json", data);

      expect(await storage.get("checkpoints/stack-1/1.json")).toEqual(data);
    });

    test("empty blob round trip", async () => {
      const storage = await newStorage();

      await storage.put("empty", new Uint8Array(0));

      expect(await storage.get("empty")).toEqual(new Uint8Array(0));
      expect(await storage.exists("empty")).toBe(true);
    });

    test("5 MiB blob round trip", async () => {
      const storage = await newStorage();
      const data = new Uint8Array(5 * 1024 * 1024);
      for (let offset = 0; offset < data.byteLength; offset += 65536) {
        data.set(crypto.getRandomValues(new Uint8Array(65536)), offset);
      }

      await storage.put("large.bin", data);
      const read = await storage.get("large.bin");

      expect(read?.byteLength).toBe(data.byteLength);
      expect(Buffer.from(read ?? []).equals(Buffer.from(data))).toBe(true);
    });

    test("subarray view stores only its bytes", async () => {
      const storage = await newStorage();
      const backing = new TextEncoder().encode("xxxxpayloadxxxx");

      await storage.put("view", backing.subarray(4, 11));

      expect(new TextDecoder().decode(await storage.get("view"))).toBe("payload");
    });

    test("get of a missing key returns undefined", async () => {
      const storage = await newStorage();

      expect(await storage.get("missing")).toBeUndefined();
      expect(await storage.get("missing/nested/key")).toBeUndefined();
    });

    test("exists reflects put and delete", async () => {
      const storage = await newStorage();

      expect(await storage.exists("a/b")).toBe(false);
      await storage.put("a/b", new Uint8Array([1]));
      expect(await storage.exists("a/b")).toBe(true);
      await storage.delete("a/b");
      expect(await storage.exists("a/b")).toBe(false);
    });

    test("put replaces a longer blob", async () => {
      const storage = await newStorage();

      await storage.put("k", new Uint8Array(100).fill(7));
      await storage.put("k", new Uint8Array([1, 2, 3]));

      expect(await storage.get("k")).toEqual(new Uint8Array([1, 2, 3]));
    });

    test("delete removes the blob", async () => {
      const storage = await newStorage();
      await storage.put("to-delete", new Uint8Array([1]));

      await storage.delete("to-delete");

      expect(await storage.get("to-delete")).toBeUndefined();
    });

    test("delete of a missing key succeeds", async () => {
      const storage = await newStorage();

      await storage.delete("never-stored");
      await storage.delete("never/stored/nested");
    });

    test("keys sharing a prefix are independent", async () => {
      const storage = await newStorage();

      await storage.put("dir/a", new Uint8Array([1]));
      await storage.put("dir/ab", new Uint8Array([2]));
      await storage.put("dir/a.json", new Uint8Array([3]));
      await storage.delete("dir/a");

      expect(await storage.get("dir/a")).toBeUndefined();
      expect(await storage.get("dir/ab")).toEqual(new Uint8Array([2]));
      expect(await storage.get("dir/a.json")).toEqual(new Uint8Array([3]));
    });

    test("deep keys with every allowed character", async () => {
      const storage = await newStorage();
      const key = "A-z_0.9/..hidden/x/y/z/.dot-start/end.";

      await storage.put(key, new Uint8Array([42]));

      expect(await storage.get(key)).toEqual(new Uint8Array([42]));
    });

    test("stored bytes do not alias caller buffers", async () => {
      const storage = await newStorage();
      const input = new Uint8Array([1, 2, 3]);

      await storage.put("alias", input);
      input[0] = 99;
      const first = await storage.get("alias");
      if (first !== undefined) first[1] = 99;

      expect(await storage.get("alias")).toEqual(new Uint8Array([1, 2, 3]));
    });

    test("concurrent puts to one key leave one whole value", async () => {
      const storage = await newStorage();
      const values = Array.from({ length: 10 }, (_, i) => new Uint8Array(64 * 1024).fill(i + 1));

      await Promise.all(values.map((value) => storage.put("contended", value)));
      const stored = await storage.get("contended");

      expect(stored?.byteLength).toBe(64 * 1024);
      const first = stored?.[0];
      expect(first).toBeGreaterThanOrEqual(1);
      expect(stored?.every((byte) => byte === first)).toBe(true);
    });

    test("concurrent puts to many keys", async () => {
      const storage = await newStorage();
      const keys = Array.from({ length: 20 }, (_, i) => `many/${i}`);

      await Promise.all(keys.map((key, i) => storage.put(key, new Uint8Array([i]))));

      for (const [i, key] of keys.entries()) {
        expect(await storage.get(key)).toEqual(new Uint8Array([i]));
      }
    });

    test.each(INVALID_KEYS)("rejects key: %s", async (_label, key) => {
      const storage = await newStorage();

      await expect(storage.put(key, new Uint8Array([1]))).rejects.toBeInstanceOf(InvalidBlobKeyError);
      await expect(storage.get(key)).rejects.toBeInstanceOf(InvalidBlobKeyError);
      await expect(storage.exists(key)).rejects.toBeInstanceOf(InvalidBlobKeyError);
      await expect(storage.delete(key)).rejects.toBeInstanceOf(InvalidBlobKeyError);
    });
  });
}
