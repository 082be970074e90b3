import { InvalidStackIdError } from "./errors.ts";

/**
 * HKDF-SHA256 salt for per-stack key derivation. It is a fixed public constant
 * because HKDF needs no secret salt and the master key is already uniformly
 * random. Changing it changes every derived key, so it belongs to ciphertext
 * format version 1 and must never change for that version.
 */
export const HKDF_SALT = new TextEncoder().encode("procella/hkdf-salt/v1");

/**
 * Versioned prefix of the HKDF `info` input. The stack id follows it, so each
 * stack gets its own AES-256 key and a ciphertext of one stack cannot be
 * decrypted as another's.
 */
export const HKDF_INFO_PREFIX = "procella/stack-secrets-key/v1:";

/** Maximum stack id length. Ids are expected to be 36-character UUIDs, so the bound only rejects malformed input. */
export const MAX_STACK_ID_LENGTH = 256;

/** Throws InvalidStackIdError unless the stack id is a non-empty string of bounded length. */
export function validateStackId(stackId: string): void {
  if (typeof stackId !== "string" || stackId.length === 0) {
    throw new InvalidStackIdError("Invalid stack id: it must be a non-empty string.");
  }
  if (stackId.length > MAX_STACK_ID_LENGTH) {
    throw new InvalidStackIdError(
      `Invalid stack id: it has ${stackId.length} characters, more than the maximum of ${MAX_STACK_ID_LENGTH}.`,
    );
  }
}

/** Imports raw master key bytes as a non-extractable HKDF base key. */
export function importMasterKey(masterKey: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", masterKey, "HKDF", false, ["deriveKey"]);
}

/** Derives the non-extractable AES-256-GCM key of one stack from the master key. */
export function deriveStackKey(masterKey: CryptoKey, stackId: string): Promise<CryptoKey> {
  const info = new TextEncoder().encode(HKDF_INFO_PREFIX + stackId);
  return crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: HKDF_SALT, info },
    masterKey,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}
