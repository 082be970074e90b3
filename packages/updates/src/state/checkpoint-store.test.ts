import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { asc, eq } from "drizzle-orm";

import { checkpoints, stacks } from "@procella/db";
import { openTestDatabase, type TestDatabase, testDatabaseTargets } from "@procella/db/testing";
import { LocalBlobStorage } from "@procella/storage";

import { CheckpointStore } from "./checkpoint-store.ts";

const resources = (count: number, version: number) =>
  Array.from({ length: count }, (_, index) => ({
    urn: `urn:pulumi:dev::p::random:index/randomString:RandomString::r${index}`,
    // Each version changes one resource.
    outputs: { result: index === version % count ? `v${version}` : `stable-${index}` },
  }));

const documentOf = (version: number) =>
  new TextEncoder().encode(
    JSON.stringify({
      version: 3,
      deployment: { manifest: { time: `2026-01-01T00:00:${version}Z`, magic: "", version: "v3" }, resources: resources(200, version) },
    }),
  );

describe.each(testDatabaseTargets())("checkpoint store on %s", (kind) => {
  let database: TestDatabase;
  let blobDir: string;
  let store: CheckpointStore;
  let stackId: string;
  const versions = 40;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    blobDir = mkdtempSync(path.join(os.tmpdir(), "procella-checkpoints-"));
    store = new CheckpointStore({ db: database.handle.db, blobs: new LocalBlobStorage({ root: blobDir }) });
    const [stack] = await database.handle.db
      .insert(stacks)
      .values({ orgName: "acme", projectName: "p", stackName: "dev", createdBy: "alice" })
      .returning();
    stackId = stack?.id ?? "";

    for (let version = 1; version <= versions; version++) {
      const write = { stackId, version, updateId: null, text: documentOf(version), resourceCount: 200 };
      const uploaded = await store.upload(write);
      await database.handle.db.transaction(async (tx) => {
        await store.record(tx, write, uploaded);
        await store.compactPrevious(tx, stackId, version, write.text);
      });
    }
  });

  afterAll(async () => {
    await database.dispose();
    rmSync(blobDir, { recursive: true, force: true });
  });

  test("every version reads back byte for byte", async () => {
    for (let version = 1; version <= versions; version++) {
      const text = await store.read(stackId, version);
      expect(Buffer.from(text ?? new Uint8Array())).toEqual(Buffer.from(documentOf(version)));
    }
  });

  test("older versions are patches, keyframes and the latest stay full", async () => {
    const rows = await database.handle.db
      .select()
      .from(checkpoints)
      .where(eq(checkpoints.stackId, stackId))
      .orderBy(asc(checkpoints.version));
    const formats = new Map(rows.map((row) => [row.version, row.format]));
    expect(formats.get(versions)).toBe("full");
    expect(formats.get(32)).toBe("full");
    expect(formats.get(1)).toBe("patch");
    expect(formats.get(31)).toBe("patch");

    const full = rows.find((row) => row.version === versions)?.storedBytes ?? 0;
    const patch = rows.find((row) => row.version === 10)?.storedBytes ?? 0;
    console.log(`checkpoint of 200 resources: full ${full} bytes, one-change patch ${patch} bytes`);
    expect(patch * 5).toBeLessThan(full);
  });

  test("a version between checkpoints reads as the one below it", async () => {
    expect(await store.read(stackId, versions + 5)).toEqual(await store.read(stackId, versions));
  });
});
