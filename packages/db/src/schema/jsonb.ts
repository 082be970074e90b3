import { sql } from "drizzle-orm";
import { customType } from "drizzle-orm/pg-core";

/**
 * A jsonb column that works the same on PGlite and on Bun.sql. Drizzle's own
 * jsonb sends JSON text, and Bun.sql encodes a string parameter of a jsonb
 * column as a JSON string value, so objects would be stored as strings. Here
 * the text is sent as `text` and cast in SQL, which both drivers store as the
 * intended document.
 */
export const jsonb = <T>(name: string) =>
  customType<{ data: T; driverData: string }>({
    dataType() {
      return "jsonb";
    },
    toDriver(value) {
      return sql`${JSON.stringify(value)}::text::jsonb` as unknown as string; // Drizzle accepts SQL from toDriver and inlines it.
    },
    fromDriver(value) {
      return (typeof value === "string" ? JSON.parse(value) : value) as T;
    },
  })(name);
