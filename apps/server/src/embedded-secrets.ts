import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { generateAccessToken } from "@procella/auth";
import { formatMasterKey, generateMasterKey } from "@procella/crypto";

/**
 * Reads a secret file from the data directory, creating it with `generate`
 * (mode 0600, readable only by the server's user) on first use.
 */
function readOrCreateSecretFile(filePath: string, generate: () => string): { value: string; created: boolean } {
  if (existsSync(filePath)) {
    return { value: readFileSync(filePath, "utf8").trim(), created: false };
  }
  mkdirSync(path.dirname(filePath), { recursive: true, mode: 0o700 });
  const value = generate();
  writeFileSync(filePath, `${value}\n`, { mode: 0o600, flag: "wx" });
  chmodSync(filePath, 0o600);
  return { value, created: true };
}

/** Returns the dev-mode access token persisted as `<dataDir>/dev-token` when PROCELLA_DEV_AUTH_TOKEN is unset. */
export function devTokenFromDataDir(dataDir: string): { value: string; created: boolean } {
  return readOrCreateSecretFile(path.join(dataDir, "dev-token"), generateAccessToken);
}

/** Returns the master key persisted as `<dataDir>/encryption-key` when PROCELLA_ENCRYPTION_KEY is unset. */
export function encryptionKeyFromDataDir(dataDir: string): { value: string; created: boolean } {
  return readOrCreateSecretFile(path.join(dataDir, "encryption-key"), () => formatMasterKey(generateMasterKey()));
}
