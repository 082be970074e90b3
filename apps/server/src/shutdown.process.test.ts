import { afterEach, describe, expect, test } from "bun:test";
import net from "node:net";

import { startServer, type TestServer } from "../../../e2e/harness/server.ts";

/**
 * SIGTERM against a real server process (apps/server/src/main.ts on PGlite).
 * The in-flight request is a stack creation whose JSON body the test sends
 * in two parts, so the request stays open until the test sends the rest.
 */

const body = JSON.stringify({ stackName: "drain" });
const bodySplit = 10;

interface RawRequest {
  socket: net.Socket;
  /** Everything the server sent back, once it closes the connection. */
  response: Promise<string>;
}

function openConnection(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => resolve(socket));
    socket.once("error", reject);
  });
}

/** Sends the request head and the first part of the body, and keeps the rest back. */
async function startCreateStack(server: TestServer): Promise<RawRequest> {
  const socket = await openConnection(server.port);
  const response = new Promise<string>((resolve) => {
    let text = "";
    socket.on("data", (chunk) => {
      text += chunk.toString("utf8");
    });
    socket.on("close", () => resolve(text));
    socket.on("error", () => undefined);
  });
  socket.write(
    [
      "POST /api/stacks/acme/web HTTP/1.1",
      `Host: 127.0.0.1:${server.port}`,
      `Authorization: token ${server.token}`,
      "Accept: application/vnd.pulumi+9",
      "Content-Type: application/json",
      `Content-Length: ${Buffer.byteLength(body)}`,
      "Connection: close",
      "",
      body.slice(0, bodySplit),
    ].join("\r\n"),
  );
  // The head and first part were in the kernel before this second connection
  // opened, so once the server responds to it, it has read the first request too.
  const health = await fetch(`${server.url}/healthz`);
  await health.arrayBuffer();
  return { socket, response };
}

async function waitForLogLine(server: TestServer, message: string): Promise<Record<string, unknown>> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const line = server.logLines.find((text) => text.includes(`"msg":"${message}"`));
    if (line) {
      return JSON.parse(line) as Record<string, unknown>;
    }
    await Bun.sleep(50);
  }
  throw new Error(`the server did not log "${message}"; its log:\n${server.logLines.join("\n")}`);
}

async function connectionRefused(port: number): Promise<boolean> {
  try {
    const socket = await openConnection(port);
    socket.destroy();
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ECONNREFUSED";
  }
}

/** Waits for the process to exit, killing it after 60 s so a hung shutdown fails the test instead of blocking it. */
async function exitCodeOf(server: TestServer): Promise<number> {
  const guard = setTimeout(() => server.process.kill("SIGKILL"), 60_000);
  const code = await server.process.exited;
  clearTimeout(guard);
  return code;
}

const started: TestServer[] = [];

afterEach(async () => {
  for (const server of started.splice(0)) {
    server.process.kill("SIGKILL");
    await server.process.exited;
    server.cleanup();
  }
});

// Each test starts one or two server processes, which takes seconds.
const processTestTimeoutMs = 120_000;

describe("server process shutdown", () => {
  test("SIGTERM finishes in-flight request", async () => {
    const server = await startServer();
    started.push(server);
    const request = await startCreateStack(server);

    server.process.kill("SIGTERM");
    const shuttingDown = await waitForLogLine(server, "shutting down");
    expect(shuttingDown.inFlightRequests).toBe(1);
    expect(shuttingDown.stopHooks).toEqual(["gc worker"]);
    expect(await connectionRefused(server.port)).toBe(true);

    request.socket.write(body.slice(bodySplit));
    const response = await request.response;
    expect(response).toStartWith("HTTP/1.1 200");
    expect(response).toEndWith("{}");

    expect(await exitCodeOf(server)).toBe(0);
    const messages = server.logLines.map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages).toContain("stop hook finished");
    expect(messages).toContain("database closed");
    expect(server.logLines.at(-1)).toContain('"exitCode":0');
  }, processTestTimeoutMs);

  test("SIGTERM timeout drops stalled request", async () => {
    const server = await startServer({ env: { PROCELLA_SHUTDOWN_TIMEOUT_SECONDS: "1" } });
    started.push(server);
    const request = await startCreateStack(server);

    server.process.kill("SIGTERM");

    expect(await exitCodeOf(server)).toBe(1);
    const response = await request.response;
    expect(response).toBe("");
    const timedOut = await waitForLogLine(server, "shutdown timed out; dropping open connections");
    expect(timedOut.inFlightRequests).toBe(1);
    expect(server.logLines.some((line) => line.includes('"msg":"database closed"'))).toBe(true);
  }, processTestTimeoutMs);

  test("stack created during drain persists", async () => {
    const first = await startServer();
    started.push(first);
    const request = await startCreateStack(first);
    first.process.kill("SIGTERM");
    await waitForLogLine(first, "shutting down");
    request.socket.write(body.slice(bodySplit));
    await request.response;
    expect(await exitCodeOf(first)).toBe(0);

    const second = await startServer({ dataDir: first.dataDir });
    started.push(second);
    const response = await fetch(`${second.url}/api/stacks/acme/web/drain`, {
      headers: { Authorization: `token ${second.token}`, Accept: "application/vnd.pulumi+9" },
    });
    expect(response.status).toBe(200);
  }, processTestTimeoutMs);
});
