import { readdirSync, statSync } from "node:fs";
import path from "node:path";

/** Total size in bytes of the files under `dir` (0 when it does not exist). */
export function directoryBytes(dir: string): number {
  let total = 0;
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry);
    const stats = statSync(full);
    total += stats.isDirectory() ? directoryBytes(full) : stats.size;
  }
  return total;
}
