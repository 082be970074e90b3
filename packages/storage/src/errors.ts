/** Error for a blob key that fails validateBlobKey, raised before any storage access. */
export class InvalidBlobKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidBlobKeyError";
  }
}

/** Error from check() when the store cannot be reached or used. */
export class BlobStorageUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "BlobStorageUnavailableError";
  }
}

/** Error for a failed storage operation, with the operation and key in the message. */
export class BlobStorageError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "BlobStorageError";
  }
}

/**
 * Error from LocalBlobStorage when a key and a directory need the same path,
 * because a file system cannot store both `a` and `a/b` (S3 can).
 */
export class BlobKeyConflictError extends BlobStorageError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "BlobKeyConflictError";
  }
}
