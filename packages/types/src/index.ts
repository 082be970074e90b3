export * from "./errors.ts";
export * from "./domain.ts";
export * from "./names.ts";
export * from "./logger.ts";
