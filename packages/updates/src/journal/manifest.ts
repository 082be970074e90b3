import { createHash } from "node:crypto";
import type { ManifestV1 } from "./types.ts";

/** Returns the manifest magic: lowercase hex SHA-256 of the engine version, or "" for an empty version. */
export function manifestMagic(engineVersion: string): string {
  if (engineVersion === "") {
    return "";
  }
  return createHash("sha256").update(engineVersion, "utf8").digest("hex");
}

/**
 * Formats a time the way Go marshals a UTC `time.Time`: RFC 3339 with the fractional
 * seconds trimmed of trailing zeros, and no fraction at all on a whole second.
 */
export function formatManifestTime(time: Date): string {
  return time.toISOString().replace(/\.?0+Z$/, "Z");
}

/** Builds the manifest of a replayed deployment. Like the CLI's replayer, it lists no plugins. */
export function buildManifest(now: Date, engineVersion: string): ManifestV1 {
  return {
    time: formatManifestTime(now),
    magic: manifestMagic(engineVersion),
    version: engineVersion,
  };
}
