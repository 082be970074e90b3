import type { CryptoService } from "./crypto-service.ts";
import { DecryptionError } from "./errors.ts";
import { assertMasterKeyLength } from "./master-key.ts";
import { deriveStackKey, importMasterKey, validateStackId } from "./stack-key.ts";
import { StackKeyCache } from "./stack-key-cache.ts";

/*
 * Ciphertext format, version 1:
 *
 *   offset 0       1 byte    format version, 0x01
 *   offset 1       12 bytes  random AES-GCM nonce, fresh for every encryption
 *   offset 13      n bytes   AES-256-GCM ciphertext of an n-byte plaintext
 *   offset 13 + n  16 bytes  GCM authentication tag
 *
 * The key is the stack's key from HKDF-SHA256 (see stack-key.ts). The version
 * byte is passed to GCM as additional authenticated data, so changing it
 * fails authentication as well as the version check.
 */
export const CIPHERTEXT_VERSION = 1;
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;
const HEADER_BYTES = 1 + NONCE_BYTES;
/** Length of the ciphertext of an empty plaintext, the shortest valid input. */
export const MIN_CIPHERTEXT_BYTES = HEADER_BYTES + TAG_BYTES;

const DEFAULT_MAX_CACHED_KEYS = 10_000;

export interface AesCryptoServiceOptions {
  /** 32 random bytes, for example from parseMasterKey. */
  masterKey: Uint8Array;
  /** Maximum number of derived stack keys kept in memory. Default 10,000. */
  maxCachedKeys?: number;
}

/**
 * CryptoService with AES-256-GCM under a per-stack key derived from one master
 * key with HKDF-SHA256. With random 96-bit nonces, the chance that two of n
 * encryptions under one stack key share a nonce is about n^2 / 2^97, which
 * stays below 2^-32 up to n = 2^32.
 */
export class AesCryptoService implements CryptoService {
  private masterKeyBytes: Uint8Array<ArrayBuffer> | undefined;
  private masterKeyPromise: Promise<CryptoKey> | undefined;
  private readonly stackKeys: StackKeyCache;

  constructor(options: AesCryptoServiceOptions) {
    assertMasterKeyLength(options.masterKey);
    // Copy, so a caller that later zeroes or reuses its buffer does not change our key.
    this.masterKeyBytes = new Uint8Array(options.masterKey);
    this.stackKeys = new StackKeyCache(options.maxCachedKeys ?? DEFAULT_MAX_CACHED_KEYS, async (stackId) =>
      deriveStackKey(await this.masterKey(), stackId),
    );
  }

  async encrypt(stackId: string, plaintext: Uint8Array): Promise<Uint8Array> {
    validateStackId(stackId);
    const key = await this.stackKeys.get(stackId);
    const nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
    const header = new Uint8Array(HEADER_BYTES);
    header[0] = CIPHERTEXT_VERSION;
    header.set(nonce, 1);

    const sealed = await crypto.subtle.encrypt(
      { name: "AES-GCM", iv: nonce, additionalData: header.subarray(0, 1), tagLength: TAG_BYTES * 8 },
      key,
      toArrayBufferView(plaintext),
    );

    const output = new Uint8Array(HEADER_BYTES + sealed.byteLength);
    output.set(header, 0);
    output.set(new Uint8Array(sealed), HEADER_BYTES);
    return output;
  }

  async decrypt(stackId: string, ciphertext: Uint8Array): Promise<Uint8Array> {
    validateStackId(stackId);
    if (ciphertext.byteLength < MIN_CIPHERTEXT_BYTES) {
      throw new DecryptionError(
        `Decryption failed for stack ${stackId}: the ciphertext is ${ciphertext.byteLength} bytes, ` +
          `shorter than the minimum of ${MIN_CIPHERTEXT_BYTES} bytes, so it is truncated or not a Procella ciphertext.`,
      );
    }
    const version = ciphertext[0];
    if (version !== CIPHERTEXT_VERSION) {
      throw new DecryptionError(
        `Decryption failed for stack ${stackId}: unknown ciphertext format version ${version}; ` +
          `this server reads version ${CIPHERTEXT_VERSION}.`,
      );
    }

    const key = await this.stackKeys.get(stackId);
    const bytes = toArrayBufferView(ciphertext);
    try {
      const plaintext = await crypto.subtle.decrypt(
        {
          name: "AES-GCM",
          iv: bytes.subarray(1, HEADER_BYTES),
          additionalData: bytes.subarray(0, 1),
          tagLength: TAG_BYTES * 8,
        },
        key,
        bytes.subarray(HEADER_BYTES),
      );
      return new Uint8Array(plaintext);
    } catch (error) {
      throw new DecryptionError(
        `Decryption failed for stack ${stackId}: the ciphertext failed authentication. It was modified or ` +
          `truncated, or it was encrypted for another stack or with another master key.`,
        { cause: error },
      );
    }
  }

  encryptBatch(stackId: string, plaintexts: Uint8Array[]): Promise<Uint8Array[]> {
    return Promise.all(plaintexts.map((plaintext) => this.encrypt(stackId, plaintext)));
  }

  decryptBatch(stackId: string, ciphertexts: Uint8Array[]): Promise<Uint8Array[]> {
    return Promise.all(
      ciphertexts.map(async (ciphertext, index) => {
        try {
          return await this.decrypt(stackId, ciphertext);
        } catch (error) {
          if (error instanceof DecryptionError) {
            throw new DecryptionError(`Item ${index} of ${ciphertexts.length}: ${error.message}`, {
              cause: error.cause,
              index,
            });
          }
          throw error;
        }
      }),
    );
  }

  /** Imports the master key on first use and then drops the raw bytes. */
  private masterKey(): Promise<CryptoKey> {
    if (this.masterKeyPromise === undefined) {
      const bytes = this.masterKeyBytes;
      if (bytes === undefined) {
        throw new Error("master key bytes were released before the key was imported");
      }
      this.masterKeyPromise = importMasterKey(bytes);
      this.masterKeyBytes = undefined;
    }
    return this.masterKeyPromise;
  }
}

/**
 * WebCrypto's types take views over an ArrayBuffer only. A view over a
 * SharedArrayBuffer is copied; any other view is returned as it is.
 */
function toArrayBufferView(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  if (bytes.buffer instanceof ArrayBuffer) {
    return bytes as Uint8Array<ArrayBuffer>; // narrowed by the instanceof check above
  }
  return new Uint8Array(bytes);
}
