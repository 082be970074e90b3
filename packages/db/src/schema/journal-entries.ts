import { bigint, pgTable, primaryKey, uuid } from "drizzle-orm/pg-core";

import { jsonb } from "./jsonb.ts";
import { updates } from "./updates.ts";

/** Journal entries of a journaling update, keyed by the CLI's sequenceID so retries are stored once. */
export const journalEntries = pgTable(
  "journal_entries",
  {
    updateId: uuid("update_id")
      .notNull()
      .references(() => updates.id, { onDelete: "cascade" }),
    sequenceId: bigint("sequence_id", { mode: "number" }).notNull(),
    entry: jsonb<Record<string, unknown>>("entry").notNull(),
  },
  (table) => [primaryKey({ columns: [table.updateId, table.sequenceId] })],
);

export type JournalEntryRow = typeof journalEntries.$inferSelect;
