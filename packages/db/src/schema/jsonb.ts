import { sql } from "drizzle-orm";
import { customType } from "drizzle-orm/pg-core";

/**
 * PostgreSQL's jsonb cannot hold the character U+0000, but Pulumi programs
 * can put it in outputs, messages and config. Strings are therefore escaped
 * before storage: U+FFFF becomes U+FFFF U+FFFF and U+0000 becomes U+FFFF
 * "0". U+FFFF is a Unicode noncharacter, so real text almost never pays for
 * the escape, and documents without either character are stored unchanged.
 */
const escapeMark = "\uffff";
const escapedNul = `${escapeMark}0`;
const escapedMark = `${escapeMark}${escapeMark}`;

function escapeString(value: string): string {
  return value.replaceAll(escapeMark, escapedMark).replaceAll("\u0000", escapedNul);
}

function unescapeString(value: string): string {
  return value.replace(/\uffff([\uffff0])/g, (_, next: string) => (next === "0" ? "\u0000" : escapeMark));
}

function mapStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === "string") {
    return map(value);
  }
  if (Array.isArray(value)) {
    return value.map((item) => mapStrings(item, map));
  }
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [map(key), mapStrings(item, map)]));
  }
  return value;
}

/** JSON text for a jsonb column, with U+0000 escaped (see above). */
export function toJsonbText(value: unknown): string {
  const text = JSON.stringify(value);
  return text.includes("\\u0000") || text.includes(escapeMark) ? JSON.stringify(mapStrings(value, escapeString)) : text;
}

function containsMark(value: unknown): boolean {
  if (typeof value === "string") {
    return value.includes(escapeMark);
  }
  if (Array.isArray(value)) {
    return value.some(containsMark);
  }
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).some(([key, item]) => key.includes(escapeMark) || containsMark(item));
  }
  return false;
}

/** Reverses toJsonbText's escaping on a value read back from a jsonb column. */
export function fromJsonbValue<T>(value: unknown): T {
  const parsed = typeof value === "string" ? (JSON.parse(value) as unknown) : value;
  // A walk that stops at the first mark; reads of events and journal entries pass here on every request.
  return (containsMark(parsed) ? mapStrings(parsed, unescapeString) : parsed) as T;
}

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
      return sql`${toJsonbText(value)}::text::jsonb` as unknown as string; // Drizzle accepts SQL from toDriver and inlines it.
    },
    fromDriver(value) {
      return fromJsonbValue<T>(value);
    },
  })(name);
