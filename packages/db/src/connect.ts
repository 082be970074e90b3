import { mkdirSync } from "node:fs";
import path from "node:path";

import { PGlite } from "@electric-sql/pglite";
import { SQL } from "bun";
import { sql } from "drizzle-orm";
import { drizzle as drizzleBunSql } from "drizzle-orm/bun-sql";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";

import type { Database, DatabaseHandle } from "./database.ts";
import * as schema from "./schema/index.ts";

export type ConnectOptions =
  | { kind: "postgres"; url: string; poolSize?: number }
  /** `dataDir` undefined keeps the PGlite database in memory (tests). */
  | { kind: "pglite"; dataDir?: string };

/** Opens PGlite or PostgreSQL; run `migrateDatabase` before use. */
export async function connectDatabase(options: ConnectOptions): Promise<DatabaseHandle> {
  return options.kind === "postgres" ? connectPostgres(options.url, options.poolSize ?? 10) : connectPglite(options.dataDir);
}

async function connectPglite(dataDir: string | undefined): Promise<DatabaseHandle> {
  if (dataDir !== undefined) {
    mkdirSync(path.dirname(dataDir), { recursive: true });
  }
  const client = dataDir === undefined ? new PGlite() : new PGlite(dataDir);
  await client.waitReady;
  const db = drizzlePglite({ client, schema }) as unknown as Database; // Both drivers extend PgDatabase; only the result HKT differs.

  return {
    db,
    kind: "pglite",
    // PGlite has one session, so the lock is only a guard against re-entry within this process.
    async withAdvisoryLock(lockId, options, task) {
      if (options.wait) {
        await client.query("select pg_advisory_lock($1)", [lockId.toString()]);
      } else {
        const result = await client.query<{ locked: boolean }>("select pg_try_advisory_lock($1) as locked", [
          lockId.toString(),
        ]);
        if (!result.rows[0]?.locked) {
          return { acquired: false };
        }
      }
      try {
        return { acquired: true, value: await task() };
      } finally {
        await client.query("select pg_advisory_unlock($1)", [lockId.toString()]);
      }
    },
    async ping() {
      await client.query("select 1");
    },
    async close() {
      await client.close();
    },
  };
}

async function connectPostgres(url: string, poolSize: number): Promise<DatabaseHandle> {
  const client = new SQL({ url, max: poolSize, idleTimeout: 30, connectionTimeout: 10 });
  const db = drizzleBunSql({ client, schema }) as unknown as Database; // Both drivers extend PgDatabase; only the result HKT differs.
  await db.execute(sql`select 1`);

  return {
    db,
    kind: "postgres",
    async withAdvisoryLock(lockId, options, task) {
      // Session-level advisory locks belong to one connection, so hold one for the whole task.
      const connection = await client.reserve();
      try {
        const id = lockId.toString();
        if (options.wait) {
          await connection`select pg_advisory_lock(${id}::bigint)`;
        } else {
          const rows = await connection`select pg_try_advisory_lock(${id}::bigint) as locked`;
          if (!rows[0]?.locked) {
            return { acquired: false };
          }
        }
        try {
          return { acquired: true, value: await task() };
        } finally {
          await connection`select pg_advisory_unlock(${id}::bigint)`;
        }
      } finally {
        connection.release();
      }
    },
    async ping() {
      await client`select 1`;
    },
    async close() {
      await client.close({ timeout: 5 });
    },
  };
}
