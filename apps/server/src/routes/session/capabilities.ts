import type { Context } from "hono";

import type { AppEnv } from "../../env.ts";

interface Capability {
  capability: string;
  version?: number;
  configuration?: Record<string, unknown>;
}

/**
 * Capabilities the server advertises. The CLI treats a malformed entry as "no
 * capabilities at all", so each one is listed only once its endpoints work
 * end to end.
 */
export function listCapabilities(c: Context<AppEnv>): Capability[] {
  const { config } = c.get("services");
  const capabilities: Capability[] = [];
  void config;
  // TODO: advertise delta-checkpoint-uploads-v2, batch-encrypt and deployment-schema-version once the update protocol serves them.
  return capabilities;
}

export function getCapabilities(c: Context<AppEnv>) {
  return c.json({ capabilities: listCapabilities(c) });
}
