export { type ConnectOptions, connectDatabase } from "./connect.ts";
export { type Database, type DatabaseHandle, type DatabaseKind, type Transaction, queryRows } from "./database.ts";
export { advisoryLocks } from "./locks.ts";
export { isUniqueViolation } from "./errors.ts";
export { migrateDatabase, migrationsFolder } from "./migrate.ts";
export * from "./schema/index.ts";
export { fromJsonbValue, toJsonbText } from "./schema/jsonb.ts";
