/**
 * Encrypts and decrypts stack secrets (`pulumi config set --secret` values and
 * the secret outputs inside checkpoints).
 *
 * `stackId` is the stack's stable id, never its name: the key is derived from
 * the id, so renaming a stack keeps its secrets decryptable. Batch methods
 * return results in the order of their inputs.
 */
export interface CryptoService {
  encrypt(stackId: string, plaintext: Uint8Array): Promise<Uint8Array>;
  decrypt(stackId: string, ciphertext: Uint8Array): Promise<Uint8Array>;
  encryptBatch(stackId: string, plaintexts: Uint8Array[]): Promise<Uint8Array[]>;
  decryptBatch(stackId: string, ciphertexts: Uint8Array[]): Promise<Uint8Array[]>;
}
