import type { TestServer } from "../harness/server.ts";

/** One parsed JSON log line of a server process. */
export interface LogRecord {
  msg: string;
  route?: string;
  [field: string]: unknown;
}

/** Parses the server's log lines from index `from` on, skipping lines that are not JSON (the login hint). */
export function logRecords(server: TestServer, from = 0): LogRecord[] {
  const records: LogRecord[] = [];
  for (const line of server.logLines.slice(from)) {
    if (!line.startsWith("{")) {
      continue;
    }
    records.push(JSON.parse(line) as LogRecord);
  }
  return records;
}

const requestMessages = new Set(["request", "request rejected", "request failed"]);

/** API requests (not Caddy's health checks) each server logged from its mark on. */
export function apiRequests(server: TestServer, from = 0): LogRecord[] {
  return logRecords(server, from).filter((record) => requestMessages.has(record.msg) && record.route !== "/healthz");
}

/** Returns the current log length of each server, so a later step can count the lines it adds. */
export function logMarks(servers: TestServer[]): number[] {
  return servers.map((server) => server.logLines.length);
}

/**
 * Waits until `found` returns true for the server's records from `from` on.
 * Gives up after `timeoutMs` with the server's recent log in the error.
 */
export async function waitForLog(
  server: TestServer,
  from: number,
  found: (records: LogRecord[]) => boolean,
  description: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (found(logRecords(server, from))) {
      return;
    }
    await Bun.sleep(100);
  }
  throw new Error(`server on port ${server.port} did not log ${description}; last lines:\n${server.logLines.slice(-20).join("\n")}`);
}
