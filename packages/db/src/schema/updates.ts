import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

import { timestamps } from "./columns.ts";
import { jsonb } from "./jsonb.ts";
import { stacks } from "./stacks.ts";

export const updateStatuses = ["not-started", "in-progress", "succeeded", "failed", "cancelled"] as const;
export type UpdateStatus = (typeof updateStatuses)[number];

export const updateKinds = ["update", "preview", "refresh", "destroy", "import", "rename", "resource-import"] as const;
export type UpdateKind = (typeof updateKinds)[number];

/**
 * One row per update the CLI creates (including dry runs). The partial
 * unique index makes the database, not process memory, allow only one
 * running non-dry-run update per stack; the second start gets the 409.
 */
export const updates = pgTable(
  "updates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    stackId: uuid("stack_id")
      .notNull()
      .references(() => stacks.id, { onDelete: "cascade" }),
    kind: text("kind").$type<UpdateKind>().notNull(),
    status: text("status").$type<UpdateStatus>().notNull().default("not-started"),
    dryRun: boolean("dry_run").notNull().default(false),
    /** The UpdateProgramRequest minus config: name, runtime, main, description, options. */
    program: jsonb<Record<string, unknown>>("program").notNull().default({}),
    config: jsonb<Record<string, unknown>>("config").notNull().default({}),
    message: text("message").notNull().default(""),
    environment: jsonb<Record<string, string>>("environment").notNull().default({}),
    requestedBy: text("requested_by").notNull(),
    /** Stack version this update produces; for dry runs the unchanged current version. */
    version: integer("version"),
    /** Stack version the update started from (the base for journal replay). */
    baseVersion: integer("base_version"),
    /** SHA-256 of the current lease token; the token itself is never stored. */
    leaseTokenHash: text("lease_token_hash"),
    /**
     * Hash of the token the last renewal replaced. Requests the CLI sent with
     * it before it saw the renewal may still arrive, so it stays valid until
     * the current lease expires.
     */
    previousLeaseTokenHash: text("previous_lease_token_hash"),
    leaseExpiresAt: timestamp("lease_expires_at", { withTimezone: true, mode: "date" }),
    journalVersion: integer("journal_version").notNull().default(0),
    /** Highest checkpoint sequence number applied (verbatim and delta checkpoints). */
    checkpointSequence: integer("checkpoint_sequence").notNull().default(0),
    resourceChanges: jsonb<Record<string, number>>("resource_changes"),
    resourceCount: integer("resource_count"),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }),
    endedAt: timestamp("ended_at", { withTimezone: true, mode: "date" }),
    ...timestamps,
  },
  (table) => [
    uniqueIndex("updates_one_running_per_stack")
      .on(table.stackId)
      .where(sql`${table.status} = 'in-progress' and not ${table.dryRun}`),
    index("updates_stack_created_idx").on(table.stackId, table.createdAt),
    index("updates_active_idx")
      .on(table.status, table.leaseExpiresAt)
      .where(sql`${table.status} in ('not-started', 'in-progress')`),
  ],
);

export type UpdateRow = typeof updates.$inferSelect;
