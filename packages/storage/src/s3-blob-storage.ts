import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import type { BlobStorage } from "./blob-storage.ts";
import { MAX_BLOB_KEY_LENGTH, validateBlobKey } from "./blob-key.ts";
import { BlobStorageError, BlobStorageUnavailableError } from "./errors.ts";
import type { StorageLogger } from "./logger.ts";
import { describeS3Error, errorNameOf, httpStatusOf } from "./s3-error-details.ts";

export interface S3BlobStorageOptions {
  bucket: string;
  /** Folder-like prefix for every key, e.g. `procella/`. A missing trailing slash is added. */
  prefix?: string;
  /** Endpoint URL of an S3-compatible server (MinIO, R2), or undefined for AWS S3. */
  endpoint?: string;
  region: string;
  /** Use `<endpoint>/<bucket>/<key>` URLs, which most S3-compatible servers need. */
  forcePathStyle?: boolean;
  /**
   * Static credentials. Without them the SDK's default provider chain runs
   * (environment, shared config files, SSO, web identity, container and EC2
   * instance metadata), which is what a server on AWS wants.
   */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Receives a warning for every retried request. */
  logger?: StorageLogger;
  /** Attempts per request, first try included, for throttling, 5xx and network errors. Default 5. */
  maxAttempts?: number;
  /** Time limit for opening a connection, in milliseconds. Default 5,000. */
  connectionTimeoutMs?: number;
  /** Time a socket may stay idle during a request, in milliseconds. Default 60,000. */
  socketTimeoutMs?: number;
}

/** S3's limit on object keys in bytes of UTF-8. Prefixes and keys here are ASCII, so bytes equal characters. */
const MAX_S3_KEY_BYTES = 1024;
const MAX_PREFIX_LENGTH = MAX_S3_KEY_BYTES - MAX_BLOB_KEY_LENGTH - 1;
const DEFAULT_MAX_ATTEMPTS = 5;
const DEFAULT_CONNECTION_TIMEOUT_MS = 5_000;
const DEFAULT_SOCKET_TIMEOUT_MS = 60_000;

/**
 * BlobStorage on S3 or an S3-compatible server. A blob is one object named
 * `<prefix><key>`; a single PutObject replaces it atomically.
 *
 * Retries use the SDK's standard retry strategy: exponential backoff with
 * jitter on throttling (429, SlowDown), 5xx and network errors, up to
 * `maxAttempts` attempts. Other 4xx errors fail at once.
 */
export class S3BlobStorage implements BlobStorage {
  readonly bucket: string;
  readonly prefix: string;
  /** Endpoint shown in error messages. */
  readonly endpointLabel: string;
  private readonly client: S3Client;

  constructor(options: S3BlobStorageOptions) {
    if (typeof options.bucket !== "string" || options.bucket.length === 0) {
      throw new TypeError("S3BlobStorage requires a bucket name.");
    }
    if (typeof options.region !== "string" || options.region.length === 0) {
      throw new TypeError("S3BlobStorage requires a region, e.g. us-east-1 (S3-compatible servers accept any).");
    }
    if (options.endpoint !== undefined) {
      validateEndpoint(options.endpoint);
    }

    const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
      throw new RangeError(`S3BlobStorage maxAttempts must be a positive integer, got ${maxAttempts}.`);
    }

    this.bucket = options.bucket;
    this.prefix = normalizePrefix(options.prefix);
    this.endpointLabel = options.endpoint ?? `the AWS S3 endpoint of region ${options.region}`;
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      credentials: options.credentials,
      maxAttempts,
      retryMode: "standard",
      requestHandler: {
        connectionTimeout: options.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS,
        socketTimeout: options.socketTimeoutMs ?? DEFAULT_SOCKET_TIMEOUT_MS,
      },
    });

    if (options.logger !== undefined) {
      addRetryLogging(this.client, options.logger, this.bucket);
    }
  }

  async put(key: string, data: Uint8Array): Promise<void> {
    const objectKey = this.objectKey(key);
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: objectKey,
          Body: data,
          ContentLength: data.byteLength,
          ContentType: "application/octet-stream",
        }),
      );
    } catch (error) {
      throw this.operationError("PutObject", objectKey, error);
    }
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    const objectKey = this.objectKey(key);
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: objectKey }));
      if (response.Body === undefined) {
        return new Uint8Array(0);
      }
      return await response.Body.transformToByteArray();
    } catch (error) {
      // NoSuchBucket is also a 404, so match the code rather than the status.
      if (errorNameOf(error) === "NoSuchKey") {
        return undefined;
      }
      throw this.operationError("GetObject", objectKey, error);
    }
  }

  async delete(key: string): Promise<void> {
    const objectKey = this.objectKey(key);
    try {
      // S3 returns 204 for a missing key as well, so delete is idempotent.
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: objectKey }));
    } catch (error) {
      throw this.operationError("DeleteObject", objectKey, error);
    }
  }

  async exists(key: string): Promise<boolean> {
    const objectKey = this.objectKey(key);
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: objectKey }));
      return true;
    } catch (error) {
      // NOTE: a HEAD response has no body, so a missing bucket looks like a
      // missing key and returns false. check() reports a missing bucket.
      if (httpStatusOf(error) === 404) {
        return false;
      }
      throw this.operationError("HeadObject", objectKey, error);
    }
  }

  async check(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      throw new BlobStorageUnavailableError(
        `S3 bucket "${this.bucket}" at ${this.endpointLabel} is not usable: ${explainHeadBucketFailure(error)}.`,
        { cause: error },
      );
    }
  }

  /** Releases the client's sockets. Later calls fail. */
  close(): void {
    this.client.destroy();
  }

  private objectKey(key: string): string {
    validateBlobKey(key);
    return this.prefix + key;
  }

  private operationError(operation: string, objectKey: string, cause: unknown): BlobStorageError {
    return new BlobStorageError(
      `S3 ${operation} of key "${objectKey}" in bucket "${this.bucket}" at ${this.endpointLabel} failed: ${describeS3Error(cause)}.`,
      { cause },
    );
  }
}

function validateEndpoint(endpoint: string): void {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new TypeError(`Invalid S3 endpoint "${endpoint}": expected a URL such as http://127.0.0.1:9000.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TypeError(`Invalid S3 endpoint "${endpoint}": the scheme must be http or https.`);
  }
}

/** Returns "" for no prefix, else the validated prefix ending in one "/". */
function normalizePrefix(prefix: string | undefined): string {
  if (prefix === undefined || prefix === "") {
    return "";
  }
  const trimmed = prefix.endsWith("/") ? prefix.slice(0, -1) : prefix;
  try {
    validateBlobKey(trimmed);
  } catch (error) {
    throw new TypeError(`Invalid S3 key prefix "${prefix}": ${(error as Error).message}`); // validateBlobKey throws only InvalidBlobKeyError
  }
  if (trimmed.length > MAX_PREFIX_LENGTH) {
    throw new TypeError(
      `Invalid S3 key prefix: it has ${trimmed.length} characters, more than the maximum of ${MAX_PREFIX_LENGTH}, ` +
        `which keeps prefix plus key within S3's ${MAX_S3_KEY_BYTES}-byte limit.`,
    );
  }
  return `${trimmed}/`;
}

function explainHeadBucketFailure(error: unknown): string {
  const status = httpStatusOf(error);
  if (status === 404) {
    return "the bucket does not exist (HTTP 404); create it or fix the bucket name";
  }
  if (status === 403) {
    return "access denied (HTTP 403); check the credentials and the bucket policy";
  }
  if (status === 301 || status === 400) {
    return `${describeS3Error(error)}; check the region and whether the server needs path-style URLs`;
  }
  return describeS3Error(error);
}

/**
 * Logs a warning before every retry. The SDK's retry middleware wraps this
 * one and sets the `amz-sdk-request: attempt=N; max=M` header on each attempt,
 * so an attempt above 1 is a retry, and the error of the previous attempt is
 * its reason.
 */
function addRetryLogging(client: S3Client, logger: StorageLogger, bucket: string): void {
  client.middlewareStack.add(
    (next, context) => {
      let previousFailure: string | undefined;
      return async (args) => {
        const request = args.request as { headers?: Record<string, string> }; // an HttpRequest at this step
        const match = /attempt=(\d+); max=(\d+)/.exec(request.headers?.["amz-sdk-request"] ?? "");
        const attempt = Number(match?.[1] ?? 1);
        if (attempt > 1) {
          logger.warn("s3 request retry", {
            operation: context.commandName,
            bucket,
            attempt,
            maxAttempts: Number(match?.[2]),
            reason: previousFailure,
          });
        }
        try {
          return await next(args);
        } catch (error) {
          previousFailure = describeS3Error(error);
          throw error;
        }
      };
    },
    { step: "finalizeRequest", priority: "low", name: "procellaRetryLogging" },
  );
}
