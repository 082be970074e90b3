export type { CryptoService } from "./crypto-service.ts";
export {
  AesCryptoService,
  CIPHERTEXT_VERSION,
  MIN_CIPHERTEXT_BYTES,
  NONCE_BYTES,
  TAG_BYTES,
  type AesCryptoServiceOptions,
} from "./aes-crypto-service.ts";
export { NopCryptoService } from "./nop-crypto-service.ts";
export { MASTER_KEY_BYTES, formatMasterKey, generateMasterKey, parseMasterKey } from "./master-key.ts";
export { HKDF_INFO_PREFIX, HKDF_SALT, MAX_STACK_ID_LENGTH } from "./stack-key.ts";
export {
  DecryptionError,
  ENCRYPTION_KEY_ENV,
  EncryptionNotConfiguredError,
  InvalidMasterKeyError,
  InvalidStackIdError,
} from "./errors.ts";
