import type { CryptoService } from "./crypto-service.ts";
import { EncryptionNotConfiguredError } from "./errors.ts";

/**
 * CryptoService for a server without PROCELLA_ENCRYPTION_KEY. Every call
 * rejects with EncryptionNotConfiguredError, so stacks without secrets keep
 * working and a secret operation fails with a message that names the fix.
 */
export class NopCryptoService implements CryptoService {
  async encrypt(_stackId: string, _plaintext: Uint8Array): Promise<Uint8Array> {
    throw new EncryptionNotConfiguredError();
  }

  async decrypt(_stackId: string, _ciphertext: Uint8Array): Promise<Uint8Array> {
    throw new EncryptionNotConfiguredError();
  }

  async encryptBatch(_stackId: string, _plaintexts: Uint8Array[]): Promise<Uint8Array[]> {
    throw new EncryptionNotConfiguredError();
  }

  async decryptBatch(_stackId: string, _ciphertexts: Uint8Array[]): Promise<Uint8Array[]> {
    throw new EncryptionNotConfiguredError();
  }
}
