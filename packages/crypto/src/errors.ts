/** Name of the environment variable that contains the master key, used in error messages. */
export const ENCRYPTION_KEY_ENV = "PROCELLA_ENCRYPTION_KEY";

/**
 * Error for a ciphertext that cannot be decrypted because it is truncated, has
 * an unknown version byte, was modified, or was encrypted for another stack or
 * with another master key. The message never contains plaintext or key material.
 */
export class DecryptionError extends Error {
  /** Position of the failing ciphertext in a batch call, or undefined for a single call. */
  readonly index: number | undefined;

  constructor(message: string, options?: ErrorOptions & { index?: number }) {
    super(message, options);
    this.name = "DecryptionError";
    this.index = options?.index;
  }
}

/** Error for a master key with the wrong length or encoding. */
export class InvalidMasterKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidMasterKeyError";
  }
}

/** Error from every NopCryptoService call, because no master key is configured. */
export class EncryptionNotConfiguredError extends Error {
  constructor() {
    super(
      `Secrets encryption is not available because no encryption key is configured. ` +
        `Set ${ENCRYPTION_KEY_ENV} to a 32-byte key encoded as base64 or hex ` +
        `(for example the output of \`openssl rand -base64 32\`) and restart the server.`,
    );
    this.name = "EncryptionNotConfiguredError";
  }
}

/** Error for a stack id that is empty or too long. */
export class InvalidStackIdError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidStackIdError";
  }
}
