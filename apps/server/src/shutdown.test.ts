import { afterEach, describe, expect, test } from "bun:test";

import { JsonLogger, type LogFields } from "@procella/types";

import { GracefulShutdown, type GracefulShutdownOptions } from "./shutdown.ts";

/** Starts a real Bun server whose `/slow` requests wait until the test releases them. */
function startSlowServer(events: string[]) {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(request) {
      if (new URL(request.url).pathname === "/slow") {
        await released;
        events.push("request finished");
        return new Response("finished");
      }
      return new Response("fast");
    },
  });
  return { server, release, url: `http://127.0.0.1:${server.port}` };
}

async function waitForPendingRequests(server: { pendingRequests: number }, count: number): Promise<void> {
  for (let attempt = 0; attempt < 2000 && server.pendingRequests < count; attempt++) {
    await Bun.sleep(5);
  }
  if (server.pendingRequests < count) {
    throw new Error(`expected ${count} pending requests, the server has ${server.pendingRequests}`);
  }
}

function recordingLogger() {
  const lines: LogFields[] = [];
  const logger = new JsonLogger({ level: "debug", write: (line) => lines.push(JSON.parse(line) as LogFields) });
  return { logger, lines };
}

function recordingDatabase(events: string[], close?: () => Promise<void>) {
  return {
    async close() {
      events.push("database closed");
      await close?.();
    },
  };
}

const stopAfterTest: Array<() => void> = [];

afterEach(() => {
  for (const stop of stopAfterTest.splice(0)) {
    stop();
  }
});

function shutdownFor(options: Partial<GracefulShutdownOptions> & Pick<GracefulShutdownOptions, "server">) {
  const { logger, lines } = recordingLogger();
  const events: string[] = [];
  const shutdown = new GracefulShutdown({
    logger,
    database: recordingDatabase(events),
    timeoutMs: 10_000,
    ...options,
  });
  return { shutdown, lines, events };
}

describe("GracefulShutdown", () => {
  test("finishes in-flight request before closing database", async () => {
    const events: string[] = [];
    const { server, release, url } = startSlowServer(events);
    stopAfterTest.push(() => void server.stop(true));
    const { logger, lines } = recordingLogger();
    const shutdown = new GracefulShutdown({ server, logger, database: recordingDatabase(events), timeoutMs: 10_000 });

    const slowResponse = fetch(`${url}/slow`);
    await waitForPendingRequests(server, 1);
    const exitCode = shutdown.shutdown("SIGTERM");

    await expect(fetch(`${url}/fast`)).rejects.toThrow();
    expect(events).toEqual([]);

    release();
    const response = await slowResponse;
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("finished");
    expect(await exitCode).toBe(0);
    expect(events).toEqual(["request finished", "database closed"]);

    const started = lines.find((line) => line.msg === "shutting down");
    expect(started?.reason).toBe("SIGTERM");
    expect(started?.inFlightRequests).toBe(1);
    expect(lines.at(-1)).toMatchObject({ msg: "stopped", exitCode: 0 });
  });

  test("runs stop hooks before closing database", async () => {
    const events: string[] = [];
    const { server } = startSlowServer(events);
    const { shutdown, lines } = shutdownFor({ server, database: recordingDatabase(events) });
    let finishRun: () => void = () => {};
    const workerRun = new Promise<void>((resolve) => {
      finishRun = resolve;
    });
    shutdown.addStopHook("gc worker", async () => {
      events.push("hook started");
      await workerRun;
      events.push("hook finished");
    });

    const exitCode = shutdown.shutdown("SIGTERM");
    await Bun.sleep(0);
    expect(events).toEqual(["hook started"]);

    finishRun();
    expect(await exitCode).toBe(0);
    expect(events).toEqual(["hook started", "hook finished", "database closed"]);
    expect(lines.find((line) => line.msg === "shutting down")?.stopHooks).toEqual(["gc worker"]);
    expect(lines.some((line) => line.msg === "stop hook finished" && line.hook === "gc worker")).toBe(true);
  });

  test("timeout drops open requests", async () => {
    const events: string[] = [];
    const { server, release, url } = startSlowServer(events);
    stopAfterTest.push(release);
    const { shutdown, lines } = shutdownFor({ server, database: recordingDatabase(events), timeoutMs: 100 });
    shutdown.addStopHook("stuck worker", () => new Promise<void>(() => {}));

    const slowResponse = fetch(`${url}/slow`);
    await waitForPendingRequests(server, 1);

    expect(await shutdown.shutdown("SIGTERM")).toBe(1);
    await expect(slowResponse).rejects.toThrow();
    expect(events).toEqual(["database closed"]);

    const timedOut = lines.find((line) => line.msg === "shutdown timed out; dropping open connections");
    expect(timedOut?.inFlightRequests).toBe(1);
    expect(timedOut?.unfinishedStopHooks).toEqual(["stuck worker"]);
    expect(lines.at(-1)).toMatchObject({ msg: "stopped", exitCode: 1 });
  });

  test("failing stop hook sets exit code", async () => {
    const events: string[] = [];
    const { server } = startSlowServer(events);
    const { shutdown, lines } = shutdownFor({ server, database: recordingDatabase(events) });
    shutdown.addStopHook("broken worker", () => {
      throw new Error("worker crashed");
    });
    shutdown.addStopHook("good worker", () => {
      events.push("good hook ran");
    });

    expect(await shutdown.shutdown("SIGTERM")).toBe(1);
    expect(events).toEqual(["good hook ran", "database closed"]);
    const failure = lines.find((line) => line.msg === "stop hook failed");
    expect(failure?.hook).toBe("broken worker");
    expect((failure?.error as { message?: string } | undefined)?.message).toBe("worker crashed");
  });

  test("failing database close sets exit code", async () => {
    const events: string[] = [];
    const { server } = startSlowServer(events);
    const database = recordingDatabase(events, async () => {
      throw new Error("connection reset");
    });
    const { shutdown, lines } = shutdownFor({ server, database });

    expect(await shutdown.shutdown("SIGTERM")).toBe(1);
    expect(lines.some((line) => line.msg === "closing the database failed")).toBe(true);
  });

  test("hanging database close is bounded", async () => {
    const events: string[] = [];
    const { server } = startSlowServer(events);
    const database = recordingDatabase(events, () => new Promise<void>(() => {}));
    const { shutdown, lines } = shutdownFor({ server, database, databaseCloseTimeoutMs: 50 });

    expect(await shutdown.shutdown("SIGTERM")).toBe(1);
    expect(lines.some((line) => line.msg === "closing the database timed out")).toBe(true);
  });

  test("second call reuses the first run", async () => {
    const events: string[] = [];
    const { server } = startSlowServer(events);
    const { shutdown } = shutdownFor({ server, database: recordingDatabase(events) });
    let hookRuns = 0;
    shutdown.addStopHook("counter", () => {
      hookRuns++;
    });

    const first = shutdown.shutdown("SIGTERM");
    const second = shutdown.shutdown("SIGINT");

    expect(second).toBe(first);
    expect(await first).toBe(0);
    expect(hookRuns).toBe(1);
    expect(events).toEqual(["database closed"]);
  });
});
