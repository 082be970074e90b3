import { createHash, timingSafeEqual } from "node:crypto";

/** Lowercase hex SHA-256 of a token; stored in place of the token itself. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Compares two tokens in time independent of where they differ (both are hashed to equal length first). */
export function tokensEqual(presented: string, expected: string): boolean {
  const left = createHash("sha256").update(presented, "utf8").digest();
  const right = createHash("sha256").update(expected, "utf8").digest();
  return timingSafeEqual(left, right);
}

/** Generates a random access token in the `pul-` form the Pulumi CLI users know. */
export function generateAccessToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return `pul-${Buffer.from(bytes).toString("hex")}`;
}
