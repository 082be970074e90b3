/** SQLSTATE of a unique_violation. */
const uniqueViolation = "23505";

/**
 * Reports whether `error` (or an error in its cause chain, where Drizzle wraps
 * driver errors) is a unique-constraint violation. PGlite puts SQLSTATE in
 * `code`; Bun.sql puts it in `errno`.
 */
export function isUniqueViolation(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const fields = current as Error & { code?: unknown; errno?: unknown };
    if (fields.code === uniqueViolation || fields.errno === uniqueViolation) {
      return true;
    }
    current = current.cause;
  }
  return false;
}
