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
  return [
    // Deltas against the update's previous save, for checkpoints of at least the cutoff size.
    {
      capability: "delta-checkpoint-uploads-v2",
      version: 2,
      configuration: { checkpointCutoffSizeBytes: config.deltaCutoffBytes },
    },
    { capability: "batch-encrypt" },
    // Version 4 deployments (with features) are stored as sent, so the CLI need not downgrade them.
    { capability: "deployment-schema-version", version: 1, configuration: { version: 4 } },
  ];
}

export function getCapabilities(c: Context<AppEnv>) {
  return c.json({ capabilities: listCapabilities(c) });
}
