/**
 * Container health check: exits 0 when the server on this machine responds
 * to GET /healthz with 200, and 1 otherwise, printing the reason. It reads the
 * listen address from PROCELLA_LISTEN_ADDR the same way the server does.
 *
 * Usage: bun deploy/healthcheck.ts
 */
import { ConfigError, loadConfig } from "../packages/config/src/index.ts";

const requestTimeoutMs = 4000;

/** Returns the address to dial for a listen host: loopback for the wildcard addresses. */
export function dialHost(listenHost: string): string {
  if (listenHost === "0.0.0.0" || listenHost === "") {
    return "127.0.0.1";
  }
  if (listenHost === "::") {
    return "[::1]";
  }
  return listenHost.includes(":") ? `[${listenHost}]` : listenHost;
}

async function check(): Promise<number> {
  let url: string;
  try {
    const { listen } = loadConfig(process.env);
    url = `http://${dialHost(listen.hostname)}:${listen.port}/healthz`;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`healthcheck: ${error.message}\n`);
      return 1;
    }
    throw error;
  }

  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(requestTimeoutMs) });
    const body = await response.text();
    if (response.status === 200) {
      return 0;
    }
    process.stderr.write(`healthcheck: ${url} returned HTTP ${response.status}: ${body.slice(0, 500)}\n`);
    return 1;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(`healthcheck: GET ${url} failed: ${reason}\n`);
    return 1;
  }
}

if (import.meta.main) {
  process.exit(await check());
}
