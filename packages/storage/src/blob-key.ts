import { InvalidBlobKeyError } from "./errors.ts";

/**
 * Maximum key length in characters. Keys are ASCII, so this is also the byte
 * length; it leaves room for an S3 prefix within S3's 1,024-byte key limit.
 */
export const MAX_BLOB_KEY_LENGTH = 512;

/** Maximum segment length, the file name limit (NAME_MAX, 255 bytes) of common Linux file systems. */
export const MAX_BLOB_KEY_SEGMENT_LENGTH = 255;

const SEGMENT_PATTERN = /^[A-Za-z0-9._-]+$/;
const KEY_RULES =
  "a key is a relative path of non-empty segments separated by '/', each made of A-Z, a-z, 0-9, '.', '_' and '-', " +
  "and no segment may be '.' or '..'";

/**
 * Throws InvalidBlobKeyError unless `key` is a safe relative blob key:
 * 1 to 512 characters, segments separated by single slashes, no leading or
 * trailing slash, every segment of 1 to 255 characters from [A-Za-z0-9._-],
 * and no `.` or `..` segment. Such a key maps to a path inside a storage root
 * on any file system and to the same object name on S3.
 *
 * @example
 * validateBlobKey("checkpoints/4f1c2a/12.json"); // ok
 * validateBlobKey("../etc/passwd"); // throws InvalidBlobKeyError
 */
export function validateBlobKey(key: string): void {
  if (typeof key !== "string" || key.length === 0) {
    throw new InvalidBlobKeyError(`Invalid blob key: the key is empty; ${KEY_RULES}.`);
  }
  if (key.length > MAX_BLOB_KEY_LENGTH) {
    throw new InvalidBlobKeyError(
      `Invalid blob key ${quoteKey(key)}: it has ${key.length} characters, more than the maximum of ${MAX_BLOB_KEY_LENGTH}.`,
    );
  }

  for (const segment of key.split("/")) {
    if (segment.length === 0) {
      throw new InvalidBlobKeyError(
        `Invalid blob key ${quoteKey(key)}: it has an empty segment (a leading, trailing or double '/'); ${KEY_RULES}.`,
      );
    }
    if (segment === "." || segment === "..") {
      throw new InvalidBlobKeyError(`Invalid blob key ${quoteKey(key)}: segment '${segment}' is not allowed; ${KEY_RULES}.`);
    }
    if (segment.length > MAX_BLOB_KEY_SEGMENT_LENGTH) {
      throw new InvalidBlobKeyError(
        `Invalid blob key ${quoteKey(key)}: a segment has ${segment.length} characters, ` +
          `more than the maximum of ${MAX_BLOB_KEY_SEGMENT_LENGTH}.`,
      );
    }
    if (!SEGMENT_PATTERN.test(segment)) {
      throw new InvalidBlobKeyError(`Invalid blob key ${quoteKey(key)}: it contains a character outside the allowed set; ${KEY_RULES}.`);
    }
  }
}

/** Quotes a key for an error message, escaping control characters and shortening long keys. */
function quoteKey(key: string): string {
  const shown = key.length > 80 ? `${key.slice(0, 80)}...` : key;
  return JSON.stringify(shown);
}
