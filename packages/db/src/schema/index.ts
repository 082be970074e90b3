export * from "./access-tokens.ts";
export * from "./checkpoints.ts";
export * from "./events.ts";
export * from "./journal-entries.ts";
export * from "./stacks.ts";
export * from "./updates.ts";
