import { migrate as migrateBunSql } from "drizzle-orm/bun-sql/migrator";
import type { BunSQLDatabase } from "drizzle-orm/bun-sql";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";

import type { DatabaseHandle } from "./database.ts";
import { advisoryLocks } from "./locks.ts";

export const migrationsFolder = new URL("../migrations", import.meta.url).pathname;

/**
 * Applies pending migrations under an advisory lock, so replicas that start
 * together migrate once and the others wait, then find nothing to do.
 */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  await handle.withAdvisoryLock(advisoryLocks.migrations, { wait: true }, async () => {
    if (handle.kind === "pglite") {
      await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder }); // Driver-specific migrator needs the concrete type.
    } else {
      await migrateBunSql(handle.db as unknown as BunSQLDatabase, { migrationsFolder }); // Driver-specific migrator needs the concrete type.
    }
  });
}
