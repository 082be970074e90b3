import { readdirSync, statSync } from "node:fs";
import path from "node:path";

/** Requests the server logged, in total and by endpoint name. */
export interface RequestCounts {
  total: number;
  byRoute: Record<string, number>;
}

/**
 * Counts the request log lines (one per HTTP request, rejected ones
 * included) among `lines[from..]`. Pass `lines.length` from before a
 * command as `from` to count only that command's requests.
 */
export function countRequests(lines: readonly string[], from = 0): RequestCounts {
  const counts: RequestCounts = { total: 0, byRoute: {} };
  for (const line of lines.slice(from)) {
    if (!line.startsWith("{")) {
      continue;
    }
    const entry = JSON.parse(line) as { msg?: string; route?: string };
    if (entry.msg !== "request" && entry.msg !== "request rejected" && entry.msg !== "request failed") {
      continue;
    }
    const route = entry.route ?? "unknown";
    counts.total += 1;
    counts.byRoute[route] = (counts.byRoute[route] ?? 0) + 1;
  }
  return counts;
}

/** Parsed JSON log lines whose `msg` equals `message`. */
export function logEntries(lines: readonly string[], message: string): Record<string, unknown>[] {
  return lines
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((entry) => entry.msg === message);
}

/** Returns the total size in bytes of the regular files under `dir`, or 0 when it does not exist. */
export function directoryBytes(dir: string): number {
  let total = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    const entry = path.join(dir, name);
    const stat = statSync(entry);
    total += stat.isDirectory() ? directoryBytes(entry) : stat.size;
  }
  return total;
}
