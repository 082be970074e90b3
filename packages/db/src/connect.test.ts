import { afterAll, beforeAll, describe, expect, test } from "bun:test";

import { eq, sql } from "drizzle-orm";

import { queryRows } from "./database.ts";

import { advisoryLocks } from "./locks.ts";
import { migrateDatabase } from "./migrate.ts";
import { stacks, updates } from "./schema/index.ts";
import { openTestDatabase, type TestDatabase, testDatabaseTargets } from "./testing.ts";

describe.each(testDatabaseTargets())("database on %s", (kind) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });

  afterAll(async () => {
    await database.dispose();
  });

  test("migrations are idempotent", async () => {
    await migrateDatabase(database.handle);
    await database.handle.ping();
  });

  test("one running update per stack", async () => {
    const { db } = database.handle;
    const [stack] = await db
      .insert(stacks)
      .values({ orgName: "acme", projectName: "web", stackName: "dev", createdBy: "alice" })
      .returning();
    if (!stack) throw new Error("insert returned no row");

    await db.insert(updates).values({ stackId: stack.id, kind: "update", status: "in-progress", requestedBy: "alice" });
    // Neither a dry run nor a created, unstarted update holds the stack.
    await db.insert(updates).values({ stackId: stack.id, kind: "preview", status: "in-progress", dryRun: true, requestedBy: "alice" });
    await db.insert(updates).values({ stackId: stack.id, kind: "refresh", requestedBy: "carol" });
    const second = db.insert(updates).values({ stackId: stack.id, kind: "destroy", status: "in-progress", requestedBy: "bob" });
    await expect(Promise.resolve(second)).rejects.toThrow();

    await db.update(updates).set({ status: "succeeded" }).where(eq(updates.kind, "update"));
    await db.insert(updates).values({ stackId: stack.id, kind: "destroy", status: "in-progress", requestedBy: "bob" });
  });

  test("jsonb columns store documents, not strings", async () => {
    const { db } = database.handle;
    await db.insert(stacks).values({ orgName: "acme", projectName: "json", stackName: "s", tags: { team: "a" }, createdBy: "alice" });
    const rows = await queryRows<{ kind: string; team: string }>(
      db,
      sql`select jsonb_typeof(tags) as kind, tags ->> 'team' as team from stacks where project_name = 'json'`,
    );
    expect(rows).toEqual([{ kind: "object", team: "a" }]);
  });

  test("jsonb keeps NUL and the escape mark", async () => {
    const { db } = database.handle;
    const tags = { "nul\u0000key": "a\u0000b", mark: "x\uffffy\uffff0z", plain: "ok" };
    await db.insert(stacks).values({ orgName: "acme", projectName: "nul", stackName: "s", tags, createdBy: "alice" });
    const [row] = await db.select().from(stacks).where(eq(stacks.projectName, "nul"));
    expect(row?.tags).toEqual(tags);
  });

  test("try-lock reports a held lock", async () => {
    const outer = await database.handle.withAdvisoryLock(advisoryLocks.updatesGc, { wait: false }, async () => {
      if (kind === "pglite") {
        return "held";
      }
      // A second session cannot take the lock while the first holds it.
      const inner = await database.handle.withAdvisoryLock(advisoryLocks.updatesGc, { wait: false }, async () => "x");
      expect(inner.acquired).toBe(false);
      return "held";
    });
    expect(outer).toEqual({ acquired: true, value: "held" });
  });
});
