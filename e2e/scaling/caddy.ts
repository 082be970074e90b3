import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

import type { Subprocess } from "bun";

const repoRoot = path.resolve(import.meta.dir, "..", "..");
export const caddyfilePath = path.join(repoRoot, "Caddyfile");

export interface TestCaddy {
  url: string;
  port: number;
  process: Subprocess;
  /** Everything Caddy wrote to standard error (its log). */
  log(): string;
  stop(): Promise<void>;
}

/** Returns a port that was free on 127.0.0.1 a moment ago. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => {
        if (address && typeof address === "object") {
          resolve(address.port);
        } else {
          reject(new Error("could not read the probe socket's port"));
        }
      });
    });
  });
}

/**
 * Builds the environment that points the repository's Caddyfile at `upstreams`
 * (host:port each) and makes it listen on 127.0.0.1:`port` only, over plain
 * HTTP, with the admin API off. HOME and the XDG folders go to `stateDir` so
 * Caddy writes nothing outside it.
 */
export function caddyTestEnv(options: { port: number; upstreams: string[]; stateDir: string }): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: options.stateDir,
    XDG_CONFIG_HOME: path.join(options.stateDir, "config"),
    XDG_DATA_HOME: path.join(options.stateDir, "data"),
    PROCELLA_SITE_ADDRESS: `http://127.0.0.1:${options.port}`,
    PROCELLA_CADDY_BIND: "127.0.0.1",
    PROCELLA_CADDY_ADMIN: "off",
    PROCELLA_UPSTREAMS: options.upstreams.join(" "),
  };
}

/** Runs `caddy run` on the repository's Caddyfile and waits until it proxies /healthz to an upstream. */
export async function startCaddy(upstreams: string[]): Promise<TestCaddy> {
  const port = await freeLoopbackPort();
  const stateDir = mkdtempSync(path.join(os.tmpdir(), "procella-caddy-"));
  const child = Bun.spawn(["caddy", "run", "--config", caddyfilePath, "--adapter", "caddyfile"], {
    cwd: stateDir,
    env: caddyTestEnv({ port, upstreams, stateDir }),
    stdout: "ignore",
    stderr: "pipe",
    stdin: "ignore",
  });

  let stderrText = "";
  void (async () => {
    const decoder = new TextDecoder();
    for await (const chunk of child.stderr) {
      stderrText += decoder.decode(chunk, { stream: true });
    }
  })();

  const url = `http://127.0.0.1:${port}`;
  let ready = false;
  for (let attempt = 0; attempt < 240 && !ready && child.exitCode === null; attempt++) {
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5000) });
      await response.arrayBuffer();
      ready = response.status === 200;
    } catch {
      // Not listening yet.
    }
    if (!ready) {
      await Bun.sleep(250);
    }
  }
  if (!ready) {
    child.kill("SIGKILL");
    await child.exited;
    rmSync(stateDir, { recursive: true, force: true });
    throw new Error(`Caddy did not proxy ${url}/healthz within 60 s; its log:\n${stderrText.slice(-3000)}`);
  }

  return {
    url,
    port,
    process: child,
    log: () => stderrText,
    async stop() {
      child.kill("SIGTERM");
      await child.exited;
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
