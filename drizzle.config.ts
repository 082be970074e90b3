import { defineConfig } from "drizzle-kit";

// Migrations are generated from the schema with `bun run db:generate` and
// applied by the server at start-up; the same SQL serves PGlite and PostgreSQL.
export default defineConfig({
  dialect: "postgresql",
  schema: "./packages/db/src/schema/index.ts",
  out: "./packages/db/migrations",
});
