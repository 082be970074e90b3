import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { providerVersion, pulumiBinDir } from "./prerequisites.ts";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: Record<string, string>;
  /** Milliseconds before the CLI is killed; default 300 s. */
  timeoutMs?: number;
}

/**
 * A Pulumi CLI workspace for tests: its own PULUMI_HOME with the test
 * provider installed, and an environment built from scratch so none of the
 * caller's PULUMI_* variables leak in.
 */
export class PulumiCli {
  readonly home: string;
  readonly workDir: string;
  readonly url: string;
  token: string;
  readonly #baseEnv: Record<string, string>;

  readonly binDir: string;

  /** `binDir` selects another CLI build (older releases for compatibility runs); default the pinned one. */
  constructor(options: { url: string; token: string; env?: Record<string, string>; binDir?: string }) {
    this.home = mkdtempSync(path.join(os.tmpdir(), "procella-pulumi-home-"));
    this.workDir = mkdtempSync(path.join(os.tmpdir(), "procella-pulumi-work-"));
    this.url = options.url;
    this.token = options.token;
    const bin = options.binDir ?? pulumiBinDir();
    this.binDir = bin;
    this.#baseEnv = {
      PATH: `${bin}:${process.env.PATH ?? "/usr/bin:/bin"}`,
      HOME: this.home,
      PULUMI_HOME: this.home,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      // Resource plugins come only from this PULUMI_HOME, as for a user; the YAML host is found next to pulumi.
      PULUMI_IGNORE_AMBIENT_PLUGINS: "true",
      PULUMI_SKIP_CONFIRMATIONS: "true",
      PULUMI_CONSOLE_DOMAIN: new URL(options.url).host,
      PULUMI_BACKEND_URL: options.url,
      NO_COLOR: "1",
      ...options.env,
    };
  }

  /** Installs the test resource provider into this PULUMI_HOME (once per workspace). */
  async installProvider(): Promise<void> {
    const result = await this.run([
      "plugin",
      "install",
      "resource",
      "random",
      providerVersion,
      "--file",
      path.join(this.binDir, "pulumi-resource-random"),
    ]);
    if (result.code !== 0) {
      throw new Error(`installing the test provider failed: ${result.stderr}`);
    }
  }

  /** Writes a Pulumi YAML project into a new folder of the work dir and returns its path. */
  writeProject(name: string, yamlBody: string, folder = name): string {
    const dir = path.join(this.workDir, folder);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${name}\nruntime: yaml\n${yamlBody}`);
    return dir;
  }

  copyInto(source: string, folder: string): string {
    const dir = path.join(this.workDir, folder);
    cpSync(source, dir, { recursive: true });
    return dir;
  }

  async run(args: string[], options: CliOptions = {}): Promise<CliResult> {
    const child = Bun.spawn(["pulumi", ...args], {
      cwd: options.cwd ?? this.workDir,
      env: { ...this.#baseEnv, PULUMI_ACCESS_TOKEN: this.token, ...options.env },
      stdout: "pipe",
      stderr: "pipe",
      stdin: "ignore",
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 300_000);
    const [stdout, stderr, code] = await Promise.all([
      new Response(child.stdout).text(),
      new Response(child.stderr).text(),
      child.exited,
    ]);
    clearTimeout(timer);
    return { code, stdout, stderr };
  }

  /** Runs and throws with the CLI's output when it fails. */
  async ok(args: string[], options: CliOptions = {}): Promise<CliResult> {
    const result = await this.run(args, options);
    if (result.code !== 0) {
      throw new Error(`pulumi ${args.join(" ")} exited ${result.code}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`);
    }
    return result;
  }

  /** Starts the CLI without waiting; for tests that kill it or run two at once. */
  spawn(args: string[], options: CliOptions = {}) {
    return Bun.spawn(["pulumi", ...args], {
      cwd: options.cwd ?? this.workDir,
      env: { ...this.#baseEnv, PULUMI_ACCESS_TOKEN: this.token, ...options.env },
      stdout: "pipe",
      stderr: "pipe",
      stdin: "ignore",
    });
  }

  cleanup(): void {
    rmSync(this.home, { recursive: true, force: true });
    rmSync(this.workDir, { recursive: true, force: true });
  }
}
