import { describe, expect, test } from "bun:test";

import { ConfigError, loadConfig } from "./index.ts";

describe("loadConfig", () => {
  test("defaults give the embedded setup", () => {
    const config = loadConfig({});
    expect(config.listen).toEqual({ hostname: "0.0.0.0", port: 9090 });
    expect(config.database.url).toBeUndefined();
    expect(config.blob.backend).toBe("local");
    expect(config.auth.mode).toBe("dev");
    expect(config.maxBodyBytes).toBe(64 * 1024 * 1024);
  });

  test("ignores variables without the prefix", () => {
    expect(() => loadConfig({ DATABASE_URL: "nonsense" })).not.toThrow();
  });

  test.each([
    ["PROCELLA_LISTEN_ADDR", "9090"],
    ["PROCELLA_DATABASE_URL", "mysql://x"],
    ["PROCELLA_LEASE_SECONDS", "-3"],
    ["PROCELLA_LOG_LEVEL", "loud"],
    ["PROCELLA_S3_FORCE_PATH_STYLE", "maybe"],
    ["PROCELLA_DEV_USERS", "{not json"],
  ])("rejects bad %s", (name, value) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(name);
  });

  test("s3 backend needs a bucket", () => {
    expect(() => loadConfig({ PROCELLA_BLOB_BACKEND: "s3" })).toThrow("PROCELLA_S3_BUCKET");
  });

  test("parses dev users with roles", () => {
    const config = loadConfig({
      PROCELLA_DEV_USERS: JSON.stringify([
        { token: "viewer-token-0123456789", login: "viewer", orgs: { acme: "viewer" } },
      ]),
    });
    expect(config.auth.devUsers[0]?.orgs).toEqual({ acme: "viewer" });
  });

  test("rejects an unknown role", () => {
    const users = JSON.stringify([{ token: "viewer-token-0123456789", login: "v", orgs: { acme: "owner" } }]);
    expect(() => loadConfig({ PROCELLA_DEV_USERS: users })).toThrow("PROCELLA_DEV_USERS");
  });
});
