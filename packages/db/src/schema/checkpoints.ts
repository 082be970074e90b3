import { integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

import { stacks } from "./stacks.ts";
import { updates } from "./updates.ts";

export const checkpointFormats = ["full", "patch"] as const;
export type CheckpointFormat = (typeof checkpointFormats)[number];

/**
 * Metadata of each stack version's checkpoint. The blob at `blobKey` is
 * gzip-compressed and holds either the whole document (`full`) or, for an
 * older version, a patch that turns version `patchBaseVersion` into it.
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
    format: text("format").$type<CheckpointFormat>().notNull().default("full"),
    /** For `patch` rows: the newer version the patch applies to. */
    patchBaseVersion: integer("patch_base_version"),
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
