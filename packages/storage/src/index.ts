export type { BlobStorage } from "./blob-storage.ts";
export { MAX_BLOB_KEY_LENGTH, MAX_BLOB_KEY_SEGMENT_LENGTH, validateBlobKey } from "./blob-key.ts";
export { LocalBlobStorage, type LocalBlobStorageOptions } from "./local-blob-storage.ts";
export { S3BlobStorage, type S3BlobStorageOptions } from "./s3-blob-storage.ts";
export type { StorageLogger } from "./logger.ts";
export { BlobKeyConflictError, BlobStorageError, BlobStorageUnavailableError, InvalidBlobKeyError } from "./errors.ts";
