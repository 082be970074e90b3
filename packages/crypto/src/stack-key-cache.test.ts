import { describe, expect, test } from "bun:test";
import { StackKeyCache } from "./stack-key-cache.ts";

async function newKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt"]);
}

describe("StackKeyCache", () => {
  test("derives once per stack", async () => {
    const derived: string[] = [];
    const cache = new StackKeyCache(10, (stackId) => {
      derived.push(stackId);
      return newKey();
    });

    const [first, second] = await Promise.all([cache.get("a"), cache.get("a")]);
    await cache.get("b");

    expect(first).toBe(second);
    expect(derived).toEqual(["a", "b"]);
  });

  test("evicts the least recently used stack", async () => {
    const derived: string[] = [];
    const cache = new StackKeyCache(2, (stackId) => {
      derived.push(stackId);
      return newKey();
    });

    await cache.get("a");
    await cache.get("b");
    await cache.get("a");
    await cache.get("c");
    await cache.get("a");
    await cache.get("b");

    expect(cache.size).toBe(2);
    expect(derived).toEqual(["a", "b", "c", "b"]);
  });

  test("drops a failed derivation", async () => {
    let calls = 0;
    const cache = new StackKeyCache(10, () => {
      calls++;
      return calls === 1 ? Promise.reject(new Error("derivation failed")) : newKey();
    });

    await expect(cache.get("a")).rejects.toThrow("derivation failed");
    await cache.get("a");

    expect(calls).toBe(2);
  });
});
