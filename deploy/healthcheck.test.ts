import path from "node:path";

import { afterAll, beforeAll, describe, expect, test } from "bun:test";

import { startServer, type TestServer } from "../e2e/harness/server.ts";
import { dialHost } from "./healthcheck.ts";
import { repoRoot, runCommand, toolEnv } from "./tools.ts";

const script = path.join(repoRoot, "deploy", "healthcheck.ts");

function runHealthcheck(listenAddress: string) {
  return runCommand(["bun", script], { env: toolEnv({ PROCELLA_LISTEN_ADDR: listenAddress }) });
}

describe("dialHost", () => {
  test.each([
    ["0.0.0.0", "127.0.0.1"],
    ["::", "[::1]"],
    ["127.0.0.1", "127.0.0.1"],
    ["::1", "[::1]"],
    ["procella", "procella"],
  ])("%s dials %s", (listenHost, expected) => {
    expect(dialHost(listenHost)).toBe(expected);
  });
});

describe("healthcheck script", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer();
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    server?.cleanup();
  });

  test("healthy server exits 0", () => {
    const result = runHealthcheck(`127.0.0.1:${server.port}`);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  test("wildcard listen address dials loopback", () => {
    expect(runHealthcheck(`:${server.port}`).code).toBe(0);
  });

  test("invalid address exits 1", () => {
    const result = runHealthcheck("not-an-address");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("PROCELLA_LISTEN_ADDR");
  });

  test("stopped server exits 1", async () => {
    const port = server.port;
    await server.stop();
    const result = runHealthcheck(`127.0.0.1:${port}`);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`GET http://127.0.0.1:${port}/healthz failed`);
  });
});
