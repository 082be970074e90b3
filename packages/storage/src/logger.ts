/** Structured logger for storage events; messages are short and lowercase, details go in fields. */
export interface StorageLogger {
  warn(message: string, fields?: Record<string, unknown>): void;
}
