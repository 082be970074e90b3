import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import type { Subprocess } from "bun";

const repoRoot = path.resolve(import.meta.dir, "..", "..");

export interface ServerOptions {
  /** Connection URL of a PostgreSQL database; PGlite in a temp data dir when absent. */
  databaseUrl?: string;
  /** Keep using this data directory (for restarts); a fresh temp dir when absent. */
  dataDir?: string;
  /** Port to listen on; a free one when absent. */
  port?: number;
  /** Extra PROCELLA_* variables. */
  env?: Record<string, string>;
}

export interface TestServer {
  url: string;
  port: number;
  token: string;
  dataDir: string;
  /** Every line the server wrote to standard output. */
  logLines: string[];
  process: Subprocess;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
  /** SIGKILL and wait, as a crash would. */
  kill(): Promise<void>;
  /** Removes the data directory; call after stop. */
  cleanup(): void;
}

export const testAdminToken = "procella-e2e-admin-token-0123456789";

/** Starts `apps/server/src/main.ts` as a separate process and waits until it serves /healthz. */
export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), "procella-e2e-"));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? os.tmpdir(),
    PROCELLA_LISTEN_ADDR: `127.0.0.1:${options.port ?? 0}`,
    PROCELLA_DATA_DIR: dataDir,
    PROCELLA_DEV_AUTH_TOKEN: testAdminToken,
    PROCELLA_DEV_USER_LOGIN: "alice",
    PROCELLA_DEV_ORG_LOGIN: "acme",
    PROCELLA_LOG_LEVEL: "info",
    ...(options.databaseUrl ? { PROCELLA_DATABASE_URL: options.databaseUrl } : {}),
    ...options.env,
  };
  const child = Bun.spawn(["bun", "run", path.join(repoRoot, "apps/server/src/main.ts")], {
    cwd: repoRoot,
    env,
    stdout: "pipe",
    stderr: "pipe",
  });

  const logLines: string[] = [];
  let stderrText = "";
  void (async () => {
    const decoder = new TextDecoder();
    for await (const chunk of child.stderr) {
      stderrText += decoder.decode(chunk);
    }
  })();

  const started = new Promise<string>((resolve, reject) => {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = "";
      for await (const chunk of child.stdout) {
        buffer += decoder.decode(chunk);
        let newline = buffer.indexOf("\n");
        while (newline >= 0) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + 1);
          logLines.push(line);
          if (line.includes('"msg":"server started"')) {
            resolve(JSON.parse(line).url as string);
          }
          newline = buffer.indexOf("\n");
        }
      }
      reject(new Error(`server exited before it started: ${stderrText.slice(-2000)}`));
    })();
  });

  let startTimer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    startTimer = setTimeout(() => reject(new Error(`server did not start within 120 s: ${stderrText.slice(-2000)}`)), 120_000);
  });
  // The timer is cleared once the server is up, so it does not keep a script's event loop alive for 120 s.
  const url = await Promise.race([started, timeout]).finally(() => clearTimeout(startTimer));
  const port = Number(new URL(url).port);

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    token: testAdminToken,
    dataDir,
    logLines,
    process: child,
    async stop() {
      child.kill("SIGTERM");
      await child.exited;
    },
    async kill() {
      child.kill("SIGKILL");
      await child.exited;
    },
    cleanup() {
      if (!options.dataDir) {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
