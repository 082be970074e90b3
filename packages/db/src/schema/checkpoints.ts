import { integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

import { stacks } from "./stacks.ts";
import { updates } from "./updates.ts";

/**
 * Metadata of each stack version's checkpoint; the document itself is a
 * gzip-compressed blob at `blobKey`.
 */
export const checkpoints = pgTable(
  "checkpoints",
  {
    stackId: uuid("stack_id")
      .notNull()
      .references(() => stacks.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    updateId: uuid("update_id").references(() => updates.id, { onDelete: "set null" }),
    blobKey: text("blob_key").notNull(),
    /** Size of the uncompressed deployment JSON. */
    sizeBytes: integer("size_bytes").notNull(),
    /** Size of the stored, compressed blob. */
    storedBytes: integer("stored_bytes").notNull(),
    resourceCount: integer("resource_count").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.stackId, table.version] })],
);

export type CheckpointRow = typeof checkpoints.$inferSelect;
