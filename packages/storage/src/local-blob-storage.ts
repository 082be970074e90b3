import { randomUUID } from "node:crypto";
import { constants } from "node:fs";
import { access, lstat, mkdir, open, readFile, rename, rm, stat, unlink } from "node:fs/promises";
import path from "node:path";
import type { BlobStorage } from "./blob-storage.ts";
import { validateBlobKey } from "./blob-key.ts";
import { BlobKeyConflictError, BlobStorageError, BlobStorageUnavailableError, InvalidBlobKeyError } from "./errors.ts";

export interface LocalBlobStorageOptions {
  /** Directory that contains the blobs, created on the first write or check. */
  root: string;
}

// Blobs may contain encrypted secrets, so only the server's user may read them.
const FILE_MODE = 0o600;
const DIRECTORY_MODE = 0o700;

/**
 * BlobStorage on the local file system. Key `a/b/c` is stored at `<root>/a/b/c`.
 *
 * Writes go to a temporary file in the target directory, which is fsynced and
 * then renamed over the target, so readers see either the old or the new blob.
 * The directory is fsynced after the rename so the new name survives a crash.
 * Temporary names contain '~', which no valid key contains, so no key can read
 * or overwrite a temporary file.
 *
 * NOTE: unlike S3, a file system cannot store both key `a` and key `a/b`;
 * put() of the second one throws BlobKeyConflictError.
 */
export class LocalBlobStorage implements BlobStorage {
  readonly root: string;

  constructor(options: LocalBlobStorageOptions) {
    if (typeof options.root !== "string" || options.root.length === 0) {
      throw new TypeError("LocalBlobStorage requires a non-empty root directory.");
    }
    this.root = path.resolve(options.root);
  }

  async put(key: string, data: Uint8Array): Promise<void> {
    const target = this.pathFor(key);
    const directory = path.dirname(target);

    try {
      await mkdir(directory, { recursive: true, mode: DIRECTORY_MODE });
    } catch (error) {
      if (errorCode(error) === "ENOTDIR" || errorCode(error) === "EEXIST") {
        throw new BlobKeyConflictError(
          `Cannot store blob key "${key}" in local storage at ${this.root}: a parent path of it is already stored as a blob.`,
          { cause: error },
        );
      }
      throw this.operationError("write", key, error);
    }

    const temporary = path.join(directory, `.~tmp-${randomUUID()}`);
    try {
      await writeAndSync(temporary, data);
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      if (errorCode(error) === "EISDIR") {
        throw new BlobKeyConflictError(
          `Cannot store blob key "${key}" in local storage at ${this.root}: other keys are stored under "${key}/".`,
          { cause: error },
        );
      }
      throw this.operationError("write", key, error);
    }

    try {
      await syncDirectory(directory);
    } catch (error) {
      throw this.operationError("write", key, error);
    }
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    const target = this.pathFor(key);
    try {
      const buffer = await readFile(target);
      return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    } catch (error) {
      if (isMissing(error)) {
        return undefined;
      }
      throw this.operationError("read", key, error);
    }
  }

  async delete(key: string): Promise<void> {
    const target = this.pathFor(key);
    try {
      await unlink(target);
    } catch (error) {
      if (isMissing(error)) {
        return;
      }
      // unlink() of a directory fails with EISDIR on Linux and EPERM on macOS.
      // A directory is not a blob, so there is nothing to delete.
      if (errorCode(error) === "EPERM" && (await isDirectory(target))) {
        return;
      }
      throw this.operationError("delete", key, error);
    }
  }

  async exists(key: string): Promise<boolean> {
    const target = this.pathFor(key);
    try {
      return (await stat(target)).isFile();
    } catch (error) {
      if (isMissing(error)) {
        return false;
      }
      throw this.operationError("check", key, error);
    }
  }

  async check(): Promise<void> {
    try {
      await mkdir(this.root, { recursive: true, mode: DIRECTORY_MODE });
      if (!(await stat(this.root)).isDirectory()) {
        throw new Error("the path exists but is not a directory");
      }
      await access(this.root, constants.R_OK | constants.W_OK | constants.X_OK);
    } catch (error) {
      throw new BlobStorageUnavailableError(
        `Local blob storage root ${this.root} is not a usable directory: ${describeError(error)}. ` +
          `Create it or fix its permissions so the server user can read and write it.`,
        { cause: error },
      );
    }
  }

  /** Validates the key and returns its absolute path, which is always inside the root. */
  private pathFor(key: string): string {
    validateBlobKey(key);
    // validateBlobKey already rules out '..' and absolute keys. This check
    // keeps the root boundary even if those rules are ever loosened.
    // NOTE: the check is lexical, so a symlink placed under the root by
    // someone with access to the data directory is still followed.
    const resolved = path.resolve(this.root, ...key.split("/"));
    if (!resolved.startsWith(this.root + path.sep)) {
      throw new InvalidBlobKeyError(`Invalid blob key "${key}": it resolves outside the storage root ${this.root}.`);
    }
    return resolved;
  }

  private operationError(operation: string, key: string, cause: unknown): BlobStorageError {
    return new BlobStorageError(
      `Local blob storage failed to ${operation} key "${key}" under ${this.root}: ${describeError(cause)}.`,
      { cause },
    );
  }
}

async function writeAndSync(file: string, data: Uint8Array): Promise<void> {
  const handle = await open(file, "wx", FILE_MODE);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function isDirectory(file: string): Promise<boolean> {
  try {
    return (await lstat(file)).isDirectory();
  } catch {
    return false; // a path that cannot be inspected is treated as not a directory, so the caller reports the original error
  }
}

/**
 * Reports whether a file system error means no blob exists at the path:
 * ENOENT (no such file), ENOTDIR (a parent is a file) or EISDIR (the path is a directory).
 */
function isMissing(error: unknown): boolean {
  const code = errorCode(error);
  return code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR";
}

function errorCode(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "code" in error && typeof error.code === "string") {
    return error.code;
  }
  return undefined;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
