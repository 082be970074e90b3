import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** Personal access tokens created from the dashboard; only a SHA-256 hash of each token is stored. */
export const accessTokens = pgTable(
  "access_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userLogin: text("user_login").notNull(),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true, mode: "date" }),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
  },
  (table) => [index("access_tokens_user_idx").on(table.userLogin)],
);

export type AccessTokenRow = typeof accessTokens.$inferSelect;
