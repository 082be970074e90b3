import { bigint, integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";

import { jsonb } from "./jsonb.ts";
import { updates } from "./updates.ts";

/** Engine events of an update, keyed by the CLI's per-update sequence so a retried batch is stored once. */
export const updateEvents = pgTable(
  "update_events",
  {
    updateId: uuid("update_id")
      .notNull()
      .references(() => updates.id, { onDelete: "cascade" }),
    sequence: integer("sequence").notNull(),
    /** Unix seconds, as sent by the CLI. */
    timestamp: bigint("timestamp", { mode: "number" }).notNull(),
    /** The event's type key, for example `resourcePreEvent` or `summaryEvent`. */
    type: text("type").notNull(),
    event: jsonb<Record<string, unknown>>("event").notNull(),
  },
  (table) => [primaryKey({ columns: [table.updateId, table.sequence] })],
);

export type UpdateEventRow = typeof updateEvents.$inferSelect;
