/**
 * Stores opaque byte blobs (checkpoint documents) under slash-separated keys
 * that validateBlobKey accepts. Every method rejects an invalid key with
 * InvalidBlobKeyError before touching storage.
 */
export interface BlobStorage {
  /** Stores `data` under `key`, replacing any existing blob. Readers see the old or the new blob, never a partial one. */
  put(key: string, data: Uint8Array): Promise<void>;
  /** Returns the blob stored under `key`, or undefined when there is none. */
  get(key: string): Promise<Uint8Array | undefined>;
  /** Removes the blob under `key`; removing a missing key succeeds. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** Health check: resolves when the store is reachable and usable, else throws BlobStorageUnavailableError. */
  check(): Promise<void>;
}
