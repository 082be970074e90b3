import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, test } from "bun:test";
import { runBlobStorageSuite } from "./blob-storage.suite.ts";
import { BlobStorageError, BlobStorageUnavailableError } from "./errors.ts";
import type { StorageLogger } from "./logger.ts";
import { S3BlobStorage, type S3BlobStorageOptions } from "./s3-blob-storage.ts";
import { closedLoopbackPort, startS3Stub, type S3StubServer } from "./s3-stub-server.ts";

// Explicit credentials everywhere, so the SDK's default chain (which may query
// instance metadata) never runs in tests.
const STUB_CREDENTIALS = { accessKeyId: "stub-access-key", secretAccessKey: "stub-secret-key" };

const realEndpoint = process.env.PROCELLA_TEST_S3_ENDPOINT;

function realServerOptions(overrides: Partial<S3BlobStorageOptions> = {}): S3BlobStorageOptions {
  return {
    bucket: process.env.PROCELLA_TEST_S3_BUCKET ?? "procella-test",
    region: process.env.PROCELLA_TEST_S3_REGION ?? "us-east-1",
    endpoint: realEndpoint,
    forcePathStyle: true,
    credentials: {
      accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? "",
      secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? "",
    },
    maxAttempts: 3,
    ...overrides,
  };
}

if (realEndpoint !== undefined && realEndpoint !== "") {
  runBlobStorageSuite("S3BlobStorage", async () => {
    const storage = new S3BlobStorage(realServerOptions({ prefix: `test-${randomUUID()}` }));
    return { storage, cleanup: async () => storage.close() };
  });

  describe("S3BlobStorage against the test server", () => {
    test("check of a missing bucket names it", async () => {
      const bucket = `procella-missing-${randomUUID()}`;
      const storage = new S3BlobStorage(realServerOptions({ bucket }));

      await expect(storage.check()).rejects.toBeInstanceOf(BlobStorageUnavailableError);
      await expect(storage.check()).rejects.toThrow(`S3 bucket "${bucket}" at ${realEndpoint}`);
      await expect(storage.check()).rejects.toThrow("does not exist");
      storage.close();
    });

    test("check with wrong credentials", async () => {
      const storage = new S3BlobStorage(
        realServerOptions({ credentials: { accessKeyId: "procella-test", secretAccessKey: "wrong-secret" } }),
      );

      await expect(storage.check()).rejects.toThrow("access denied (HTTP 403)");
      storage.close();
    });

    test("prefixes keep stores apart", async () => {
      const first = new S3BlobStorage(realServerOptions({ prefix: `test-${randomUUID()}` }));
      const second = new S3BlobStorage(realServerOptions({ prefix: `test-${randomUUID()}` }));

      await first.put("shared-name", new Uint8Array([1]));

      expect(await second.get("shared-name")).toBeUndefined();
      expect(await first.get("shared-name")).toEqual(new Uint8Array([1]));
      first.close();
      second.close();
    });
  });
} else if (process.env.CI === "true") {
  test("S3 test server is configured", () => {
    throw new Error(
      "CI=true but PROCELLA_TEST_S3_ENDPOINT is not set: run `eval \"$(scripts/s3-test-server.sh)\"` before the tests.",
    );
  });
} else {
  console.log(
    "skipping the S3BlobStorage conformance suite: PROCELLA_TEST_S3_ENDPOINT is not set; " +
      'start a local MinIO with `eval "$(scripts/s3-test-server.sh)"` to run it',
  );
}

describe("S3BlobStorage with a stub server", () => {
  let stub: S3StubServer | undefined;
  const warnings: Array<{ message: string; fields?: Record<string, unknown> }> = [];
  const logger: StorageLogger = { warn: (message, fields) => warnings.push({ message, fields }) };

  afterEach(async () => {
    await stub?.stop();
    stub = undefined;
    warnings.length = 0;
  });

  function stubStorage(server: S3StubServer, overrides: Partial<S3BlobStorageOptions> = {}): S3BlobStorage {
    return new S3BlobStorage({
      bucket: "stub-bucket",
      region: "us-east-1",
      endpoint: server.endpoint,
      forcePathStyle: true,
      credentials: STUB_CREDENTIALS,
      logger,
      ...overrides,
    });
  }

  test("retries throttling, then succeeds", async () => {
    stub = startS3Stub([
      { status: 503, errorCode: "SlowDown" },
      { status: 503, errorCode: "SlowDown" },
      { status: 200 },
    ]);
    const storage = stubStorage(stub);

    await storage.put("key", new Uint8Array([1]));

    expect(stub.requests).toHaveLength(3);
    expect(warnings.map((warning) => warning.fields?.attempt)).toEqual([2, 3]);
    expect(warnings[0]?.message).toBe("s3 request retry");
    expect(warnings[0]?.fields?.operation).toBe("PutObjectCommand");
    expect(String(warnings[0]?.fields?.reason)).toContain("SlowDown (HTTP 503)");
  });

  test("gives up on 500 after maxAttempts", async () => {
    stub = startS3Stub([{ status: 500, errorCode: "InternalError" }]);
    const storage = stubStorage(stub, { maxAttempts: 3 });

    const failure = storage.get("key");

    await expect(failure).rejects.toBeInstanceOf(BlobStorageError);
    await expect(failure).rejects.toThrow("InternalError (HTTP 500) after 3 attempts");
    expect(stub.requests).toHaveLength(3);
  });

  test("does not retry access denied", async () => {
    stub = startS3Stub([{ status: 403, errorCode: "AccessDenied" }]);
    const storage = stubStorage(stub);

    const failure = storage.put("key", new Uint8Array([1]));

    await expect(failure).rejects.toThrow(`S3 PutObject of key "key" in bucket "stub-bucket" at ${stub.endpoint} failed`);
    await expect(failure).rejects.toThrow("AccessDenied (HTTP 403)");
    expect(stub.requests).toHaveLength(1);
    expect(warnings).toHaveLength(0);
  });

  test("get of NoSuchKey returns undefined", async () => {
    stub = startS3Stub([{ status: 404, errorCode: "NoSuchKey" }]);

    expect(await stubStorage(stub).get("missing")).toBeUndefined();
  });

  test("get of NoSuchBucket throws", async () => {
    stub = startS3Stub([{ status: 404, errorCode: "NoSuchBucket" }]);

    await expect(stubStorage(stub).get("key")).rejects.toThrow("NoSuchBucket (HTTP 404)");
  });

  test("exists maps 404 to false", async () => {
    stub = startS3Stub([{ status: 404 }]);

    expect(await stubStorage(stub).exists("missing")).toBe(false);
  });

  test("prefix is prepended to object keys", async () => {
    stub = startS3Stub([{ status: 200 }]);
    const storage = stubStorage(stub, { prefix: "procella/blobs" });

    await storage.put("checkpoints/s1/1.json", new Uint8Array([1]));

    expect(stub.requests[0]).toEqual({ method: "PUT", path: "/stub-bucket/procella/blobs/checkpoints/s1/1.json" });
  });

  test("check of a missing bucket", async () => {
    stub = startS3Stub([{ status: 404 }]);
    const storage = stubStorage(stub);

    await expect(storage.check()).rejects.toBeInstanceOf(BlobStorageUnavailableError);
    await expect(storage.check()).rejects.toThrow(
      `S3 bucket "stub-bucket" at ${stub.endpoint} is not usable: the bucket does not exist`,
    );
  });

  test("check of an unreachable endpoint", async () => {
    const endpoint = `http://127.0.0.1:${await closedLoopbackPort()}`;
    const storage = new S3BlobStorage({
      bucket: "stub-bucket",
      region: "us-east-1",
      endpoint,
      forcePathStyle: true,
      credentials: STUB_CREDENTIALS,
      maxAttempts: 2,
      logger,
    });

    const failure = storage.check();

    await expect(failure).rejects.toBeInstanceOf(BlobStorageUnavailableError);
    await expect(failure).rejects.toThrow(`S3 bucket "stub-bucket" at ${endpoint} is not usable`);
    await expect(failure).rejects.toThrow("ECONNREFUSED");
    expect(warnings).toHaveLength(1);
  });
});

describe("S3BlobStorage options", () => {
  const valid: S3BlobStorageOptions = {
    bucket: "b",
    region: "us-east-1",
    endpoint: "http://127.0.0.1:1",
    credentials: STUB_CREDENTIALS,
  };
  const invalid: Array<[string, Partial<S3BlobStorageOptions>, string]> = [
    ["empty bucket", { bucket: "" }, "requires a bucket"],
    ["empty region", { region: "" }, "requires a region"],
    ["endpoint with an ftp scheme", { endpoint: "ftp://127.0.0.1:9000" }, "scheme must be http or https"],
    ["endpoint without a scheme", { endpoint: "127.0.0.1:9000" }, "expected a URL such as"],
    ["endpoint that is not a URL", { endpoint: "not a url" }, "Invalid S3 endpoint"],
    ["prefix with '..'", { prefix: "../up" }, "Invalid S3 key prefix"],
    ["prefix with a leading slash", { prefix: "/abs" }, "Invalid S3 key prefix"],
    ["zero maxAttempts", { maxAttempts: 0 }, "maxAttempts must be a positive integer"],
  ];

  test.each(invalid)("rejects %s", (_label, overrides, message) => {
    expect(() => new S3BlobStorage({ ...valid, ...overrides })).toThrow(message);
  });

  test.each([
    [undefined, ""],
    ["", ""],
    ["procella", "procella/"],
    ["procella/", "procella/"],
    ["a/b", "a/b/"],
  ])("normalizes prefix %p", (prefix, expected) => {
    expect(new S3BlobStorage({ ...valid, prefix }).prefix).toBe(expected);
  });
});
