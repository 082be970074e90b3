import { mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "bun:test";
import { runBlobStorageSuite } from "./blob-storage.suite.ts";
import { BlobKeyConflictError, BlobStorageUnavailableError, InvalidBlobKeyError } from "./errors.ts";
import { LocalBlobStorage } from "./local-blob-storage.ts";

const temporaryDirectories: string[] = [];

async function newTemporaryDirectory(): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), "procella-blob-"));
  temporaryDirectories.push(directory);
  return directory;
}

afterAll(async () => {
  for (const directory of temporaryDirectories) {
    await rm(directory, { recursive: true, force: true });
  }
});

runBlobStorageSuite("LocalBlobStorage", async () => {
  const directory = await newTemporaryDirectory();
  return { storage: new LocalBlobStorage({ root: path.join(directory, "blobs") }) };
});

async function listFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(directory, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe("LocalBlobStorage files", () => {
  test("key maps to a path under the root", async () => {
    const root = path.join(await newTemporaryDirectory(), "blobs");
    const storage = new LocalBlobStorage({ root });

    await storage.put("checkpoints/s1/3.json", new TextEncoder().encode("{}"));

    expect(await listFiles(root)).toEqual([path.join("checkpoints", "s1", "3.json")]);
  });

  test("no temporary files remain", async () => {
    const root = await newTemporaryDirectory();
    const storage = new LocalBlobStorage({ root });

    await Promise.all(Array.from({ length: 10 }, (_, i) => storage.put("same", new Uint8Array([i]))));
    await storage.put("other", new Uint8Array([1]));

    expect(await listFiles(root)).toEqual(["other", "same"]);
  });

  test("files and directories are private", async () => {
    const root = await newTemporaryDirectory();
    const storage = new LocalBlobStorage({ root });

    await storage.put("dir/file", new Uint8Array([1]));

    expect((await stat(path.join(root, "dir", "file"))).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(root, "dir"))).mode & 0o777).toBe(0o700);
  });

  test("keys cannot reach outside the root", async () => {
    const parent = await newTemporaryDirectory();
    const storage = new LocalBlobStorage({ root: path.join(parent, "blobs") });

    for (const key of ["../escaped", "a/../../escaped", "/tmp/escaped", "a/../../../escaped"]) {
      await expect(storage.put(key, new Uint8Array([1]))).rejects.toBeInstanceOf(InvalidBlobKeyError);
    }

    expect(await listFiles(parent)).toEqual([]);
  });

  test("relative root resolves to an absolute path", () => {
    const storage = new LocalBlobStorage({ root: "relative/blobs" });

    expect(path.isAbsolute(storage.root)).toBe(true);
  });

  test("empty root is rejected", () => {
    expect(() => new LocalBlobStorage({ root: "" })).toThrow(TypeError);
  });
});

describe("LocalBlobStorage key conflicts", () => {
  test("key below an existing blob", async () => {
    const storage = new LocalBlobStorage({ root: await newTemporaryDirectory() });
    await storage.put("a", new Uint8Array([1]));

    await expect(storage.put("a/b", new Uint8Array([2]))).rejects.toBeInstanceOf(BlobKeyConflictError);
    expect(await storage.get("a")).toEqual(new Uint8Array([1]));
    expect(await storage.get("a/b")).toBeUndefined();
    expect(await storage.exists("a/b")).toBe(false);
  });

  test("key above existing blobs", async () => {
    const root = await newTemporaryDirectory();
    const storage = new LocalBlobStorage({ root });
    await storage.put("a/b", new Uint8Array([1]));

    await expect(storage.put("a", new Uint8Array([2]))).rejects.toBeInstanceOf(BlobKeyConflictError);
    expect(await storage.get("a")).toBeUndefined();
    expect(await storage.exists("a")).toBe(false);
    await storage.delete("a");
    expect(await storage.get("a/b")).toEqual(new Uint8Array([1]));
    expect(await listFiles(root)).toEqual([path.join("a", "b")]);
  });
});

describe("LocalBlobStorage check", () => {
  test("creates a missing root", async () => {
    const root = path.join(await newTemporaryDirectory(), "new", "blobs");
    const storage = new LocalBlobStorage({ root });

    await storage.check();

    expect((await stat(root)).isDirectory()).toBe(true);
  });

  test("root that is a file fails naming the root", async () => {
    const root = path.join(await newTemporaryDirectory(), "not-a-directory");
    await writeFile(root, "x");
    const storage = new LocalBlobStorage({ root });

    await expect(storage.check()).rejects.toBeInstanceOf(BlobStorageUnavailableError);
    await expect(storage.check()).rejects.toThrow(root);
  });
});
