import { ENCRYPTION_KEY_ENV, InvalidMasterKeyError } from "./errors.ts";

/** Length of the master key in bytes (AES-256 and HKDF-SHA256 input keying material). */
export const MASTER_KEY_BYTES = 32;

const HEX_KEY_PATTERN = /^[0-9a-fA-F]{64}$/;
// Standard or URL-safe alphabet, padding optional. Checked before decoding
// because Buffer.from(value, "base64") skips characters outside the alphabet.
const BASE64_PATTERN = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * Parses a 32-byte master key written as base64 (standard or URL-safe, 43 or 44
 * characters) or as hex (64 characters). Surrounding whitespace is ignored.
 * Throws InvalidMasterKeyError otherwise. The message gives the length of the
 * value, never the value itself.
 *
 * @example
 * const key = parseMasterKey(config.encryptionKey); // e.g. from `openssl rand -base64 32`
 */
export function parseMasterKey(value: string): Uint8Array {
  const trimmed = value.trim();

  if (HEX_KEY_PATTERN.test(trimmed)) {
    return new Uint8Array(Buffer.from(trimmed, "hex"));
  }

  if (BASE64_PATTERN.test(trimmed)) {
    const decoded = new Uint8Array(Buffer.from(trimmed, "base64"));
    if (decoded.byteLength === MASTER_KEY_BYTES) {
      return decoded;
    }
    throw new InvalidMasterKeyError(
      `Invalid ${ENCRYPTION_KEY_ENV}: the base64 value decodes to ${decoded.byteLength} bytes, ` +
        `but the key must be exactly ${MASTER_KEY_BYTES} bytes. ${generateHint()}`,
    );
  }

  throw new InvalidMasterKeyError(
    `Invalid ${ENCRYPTION_KEY_ENV}: the ${trimmed.length}-character value is neither base64 ` +
      `nor 64 hex characters; expected a ${MASTER_KEY_BYTES}-byte key. ${generateHint()}`,
  );
}

/** Generates a random 32-byte master key from the platform's secure random source. */
export function generateMasterKey(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(MASTER_KEY_BYTES));
}

/** Encodes a master key as standard base64, the form parseMasterKey reads back. */
export function formatMasterKey(key: Uint8Array): string {
  assertMasterKeyLength(key);
  return Buffer.from(key).toString("base64");
}

/** Throws InvalidMasterKeyError unless the key is exactly 32 bytes long. */
export function assertMasterKeyLength(key: Uint8Array): void {
  if (key.byteLength !== MASTER_KEY_BYTES) {
    throw new InvalidMasterKeyError(
      `Invalid master key: expected exactly ${MASTER_KEY_BYTES} bytes, got ${key.byteLength}. ${generateHint()}`,
    );
  }
}

function generateHint(): string {
  return "Generate one with `openssl rand -base64 32`.";
}
