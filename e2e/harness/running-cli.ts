import { readdirSync, readFileSync } from "node:fs";

import type { Subprocess } from "bun";

import type { CliResult } from "./cli.ts";
import { waitFor } from "./wait.ts";

/**
 * A CLI process started with `PulumiCli.spawn`, whose output is collected
 * while it runs, so a test can wait for a line, then kill the process or
 * the server under it.
 */
export class RunningCli {
  readonly process: Subprocess<"ignore", "pipe", "pipe">;
  stdout = "";
  stderr = "";
  readonly #finished: Promise<CliResult>;

  constructor(child: Subprocess<"ignore", "pipe", "pipe">, options: { timeoutMs?: number } = {}) {
    this.process = child;
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 300_000);
    const pump = async (stream: ReadableStream<Uint8Array>, sink: "stdout" | "stderr") => {
      const decoder = new TextDecoder();
      for await (const chunk of stream) {
        this[sink] += decoder.decode(chunk, { stream: true });
      }
    };
    this.#finished = Promise.all([pump(child.stdout, "stdout"), pump(child.stderr, "stderr"), child.exited]).then(
      ([, , code]) => {
        clearTimeout(timer);
        return { code, stdout: this.stdout, stderr: this.stderr };
      },
    );
  }

  /** Waits until the standard output matches `pattern`, and throws if the process exits first. */
  async waitForOutput(pattern: RegExp, timeoutMs = 120_000): Promise<void> {
    await waitFor(
      `CLI output matching ${pattern}`,
      () => {
        if (pattern.test(this.stdout)) {
          return true;
        }
        if (this.process.exitCode !== null) {
          throw new Error(`the CLI exited with ${this.process.exitCode} before printing ${pattern}:\n${this.stdout}\n${this.stderr}`);
        }
        return undefined;
      },
      { timeoutMs, intervalMs: 100 },
    );
  }

  /** Waits for the process to exit and returns its exit code and output. */
  result(): Promise<CliResult> {
    return this.#finished;
  }

  /**
   * Sends SIGKILL, as a crash or `kill -9` would, and waits for the exit.
   * The plugins the CLI started (language host, provider) outlive it, so
   * they are killed by process id afterwards.
   */
  async kill(): Promise<CliResult> {
    const plugins = descendantPids(this.process.pid);
    this.process.kill("SIGKILL");
    const result = await this.#finished;
    for (const pid of plugins) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // It already exited.
      }
    }
    return result;
  }
}

/** Returns the process ids of every descendant of `root`, read from /proc, or none where /proc is missing. */
export function descendantPids(root: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  for (const name of entries) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, "utf8");
    } catch {
      continue; // The process exited while the list was read.
    }
    // The command name in parentheses may contain spaces, so fields are counted after its closing bracket.
    const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    const siblings = children.get(parent) ?? [];
    siblings.push(Number(name));
    children.set(parent, siblings);
  }
  const found: number[] = [];
  const pending = [root];
  for (let pid = pending.pop(); pid !== undefined; pid = pending.pop()) {
    for (const child of children.get(pid) ?? []) {
      found.push(child);
      pending.push(child);
    }
  }
  return found;
}
