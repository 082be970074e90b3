export { type Config, ConfigError, loadConfig } from "./config.ts";
export { type DevUser, type Environment, environmentSchema } from "./schema.ts";
