import { createHash } from "node:crypto";

/** Generates a random, URL-safe lease token of 256 bits. */
export function generateLeaseToken(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString("base64url");
}

/** Lease tokens are stored only as SHA-256 hex digests. */
export function hashLeaseToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
