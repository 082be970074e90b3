import type { UpdateRow } from "@procella/db";

import type { UpdatesContext } from "../context.ts";

/**
 * The engine version for the manifest of a replayed deployment: the CLI
 * version the update's metadata reports (`pulumi.version`), which is what the
 * CLI itself writes there, else the server's fallback.
 */
export function engineVersionOf(update: Pick<UpdateRow, "environment">, context: UpdatesContext): string {
  const reported = update.environment["pulumi.version"];
  return typeof reported === "string" && reported !== "" ? reported : context.engineVersion;
}
