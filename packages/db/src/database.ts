import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { SQL } from "drizzle-orm";

import type * as schema from "./schema/index.ts";

/** The Drizzle database both drivers (PGlite and Bun.sql) provide. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** A transaction handle; it has the same query API as Database. */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

export type DatabaseKind = "pglite" | "postgres";

/** An open database plus the operations that need a single session. */
export interface DatabaseHandle {
  readonly db: Database;
  readonly kind: DatabaseKind;
  /**
   * Runs `task` while holding the session-level advisory lock `lockId` on one
   * dedicated connection. With `wait: false` it returns `{ acquired: false }`
   * at once when another session holds the lock.
   */
  withAdvisoryLock<T>(
    lockId: bigint,
    options: { wait: boolean },
    task: () => Promise<T>,
  ): Promise<{ acquired: true; value: T } | { acquired: false }>;
  /** Runs `select 1`; throws when the database does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Runs a raw statement and returns its rows, hiding the drivers' different result shapes. */
export async function queryRows<T>(db: Database | Transaction, statement: SQL): Promise<T[]> {
  const result: unknown = await db.execute(statement);
  if (Array.isArray(result)) {
    return result as T[];
  }
  return (result as { rows: T[] }).rows;
}
