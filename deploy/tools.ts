import path from "node:path";

export const repoRoot = path.resolve(import.meta.dir, "..");

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion with exactly `env` (nothing inherited), killing it after 60 s. */
export function runCommand(command: string[], options: { cwd?: string; env: Record<string, string> }): CommandResult {
  const result = Bun.spawnSync(command, {
    cwd: options.cwd ?? repoRoot,
    env: options.env,
    stdout: "pipe",
    stderr: "pipe",
    stdin: "ignore",
    timeout: 60_000,
  });
  return { code: result.exitCode ?? -1, stdout: result.stdout.toString(), stderr: result.stderr.toString() };
}

/** Builds the minimal environment for tools under test: PATH only, plus `extra`. */
export function toolEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? "/usr/bin:/bin", ...extra };
}

/**
 * Reports whether a tool a suite needs is present. Outside CI a missing tool
 * skips the suite with one line saying how to install it. With CI=true it
 * fails the run.
 */
export function toolAvailable(present: boolean, message: string): boolean {
  if (present) {
    return true;
  }
  if (process.env.CI === "true") {
    throw new Error(message);
  }
  process.stderr.write(`SKIP ${message}\n`);
  return false;
}

/**
 * Returns the compose validator command: the `docker compose` plugin when it
 * works, else Debian's standalone `docker-compose` (1.29). Neither needs a
 * container engine for `config`.
 */
export function composeCommand(): string[] | undefined {
  const candidates = [["docker", "compose"], ["docker-compose"]];
  for (const candidate of candidates) {
    const [binary] = candidate;
    if (binary === undefined || Bun.which(binary) === null) {
      continue;
    }
    if (runCommand([...candidate, "version"], { env: toolEnv() }).code === 0) {
      return candidate;
    }
  }
  return undefined;
}
