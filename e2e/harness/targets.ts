import { openTestDatabase, type TestDatabase, testDatabaseTargets } from "@procella/db/testing";

export type Target = "pglite" | "postgres";

/** Database targets for end-to-end suites: PGlite always, PostgreSQL when PROCELLA_TEST_DATABASE_URL is set. */
export function e2eTargets(): Target[] {
  return testDatabaseTargets();
}

/**
 * Prepares the server's database for a target: nothing for PGlite (the server
 * creates it in its data dir), a fresh scratch database for PostgreSQL.
 */
export async function prepareDatabase(target: Target): Promise<{ databaseUrl?: string; dispose(): Promise<void> }> {
  if (target === "pglite") {
    return { dispose: async () => {} };
  }
  const database: TestDatabase = await openTestDatabase("postgres");
  // The server migrates on its own; close this handle so only the server uses the database.
  return { databaseUrl: database.url, dispose: () => database.dispose() };
}
