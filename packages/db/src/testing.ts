import { SQL } from "bun";

import { connectDatabase } from "./connect.ts";
import type { DatabaseHandle, DatabaseKind } from "./database.ts";
import { migrateDatabase } from "./migrate.ts";

/**
 * Databases the integration suites run on: in-memory PGlite always, and a
 * real PostgreSQL when PROCELLA_TEST_DATABASE_URL names a server (CI sets it).
 * This test helper is the one place outside @procella/config that reads the
 * environment, because it configures tests, not the server.
 */
export function testDatabaseTargets(): DatabaseKind[] {
  const url = process.env.PROCELLA_TEST_DATABASE_URL;
  if (!url && process.env.CI === "true") {
    throw new Error("PROCELLA_TEST_DATABASE_URL must name a PostgreSQL server when CI=true");
  }
  if (!url && !skipNoticePrinted) {
    skipNoticePrinted = true;
    process.stderr.write(
      "SKIP PostgreSQL variants: set PROCELLA_TEST_DATABASE_URL=postgres://user:password@127.0.0.1:5432/postgres to run them\n",
    );
  }
  return url ? ["pglite", "postgres"] : ["pglite"];
}
let skipNoticePrinted = false;

export interface TestDatabase {
  handle: DatabaseHandle;
  /** Connection URL of the scratch database (postgres only), for spawning servers on it. */
  url?: string;
  dispose(): Promise<void>;
}

/** Opens a fresh, migrated database: a new in-memory PGlite, or a new scratch database on the test server. */
export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === "pglite") {
    const handle = await connectDatabase({ kind: "pglite" });
    await migrateDatabase(handle);
    return { handle, dispose: () => handle.close() };
  }

  const adminUrl = process.env.PROCELLA_TEST_DATABASE_URL;
  if (!adminUrl) {
    throw new Error("PROCELLA_TEST_DATABASE_URL is not set");
  }
  const name = `procella_test_${crypto.randomUUID().replaceAll("-", "")}`;
  const admin = new SQL({ url: adminUrl, max: 1 });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await connectDatabase({ kind: "postgres", url: url.toString(), poolSize: 5 });
  await migrateDatabase(handle);

  return {
    handle,
    url: url.toString(),
    async dispose() {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.close();
    },
  };
}
