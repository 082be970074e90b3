import { integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";

import { timestamps } from "./columns.ts";
import { jsonb } from "./jsonb.ts";

/**
 * One row per stack. `id` is stable across renames: secrets keys and blob
 * keys derive from it, never from the names.
 */
export const stacks = pgTable(
  "stacks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgName: text("org_name").notNull(),
    projectName: text("project_name").notNull(),
    stackName: text("stack_name").notNull(),
    tags: jsonb<Record<string, string>>("tags").notNull().default({}),
    /**
     * Version counter: the version of the newest update (or import, or rename)
     * that changed or could change state. Checkpoints may be sparse below it.
     */
    version: integer("version").notNull().default(0),
    /** Resources in the latest checkpoint, kept for listings. */
    resourceCount: integer("resource_count").notNull().default(0),
    createdBy: text("created_by").notNull(),
    ...timestamps,
  },
  (table) => [uniqueIndex("stacks_org_project_stack_key").on(table.orgName, table.projectName, table.stackName)],
);

export type StackRow = typeof stacks.$inferSelect;
