import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { PulumiCli } from "../e2e/harness/cli.ts";
import type { TestServer } from "../e2e/harness/server.ts";
import { randomStringsProgram } from "./programs.ts";
import { round } from "./statistics.ts";

async function timeUp(cli: PulumiCli, dir: string, stack: string, env: Record<string, string>): Promise<number> {
  await cli.ok(["stack", "init", stack, "--non-interactive"], { cwd: dir, env });
  const started = performance.now();
  await cli.ok(["up", "--yes", "--skip-preview", "--non-interactive"], { cwd: dir, env });
  const seconds = (performance.now() - started) / 1000;
  await cli.ok(["destroy", "--yes", "--skip-preview", "--non-interactive"], { cwd: dir, env });
  return seconds;
}

/**
 * `pulumi up --skip-preview` of `count` resources, against Procella and
 * against the CLI's own local file backend, on the same machine. Each run
 * uses a new stack; the first run of each warms plugin caches and is dropped.
 */
export async function benchmarkCliSpeed(server: TestServer, count: number, runs: number) {
  const stateDir = mkdtempSync(path.join(os.tmpdir(), "procella-bench-file-"));
  const procella = new PulumiCli({ url: server.url, token: server.token });
  const local = new PulumiCli({ url: `file://${stateDir}`, token: "unused" });
  try {
    await procella.installProvider();
    await local.installProvider();
    await procella.ok(["login", server.url, "--non-interactive"]);
    await local.ok(["login", `file://${stateDir}`], { env: { PULUMI_BACKEND_URL: `file://${stateDir}` } });
    const procellaDir = procella.writeProject("bench", randomStringsProgram(count));
    const localDir = local.writeProject("bench", randomStringsProgram(count));
    const localEnv = { PULUMI_BACKEND_URL: `file://${stateDir}`, PULUMI_CONFIG_PASSPHRASE: "bench" };

    const procellaSeconds: number[] = [];
    const localSeconds: number[] = [];
    for (let run = 0; run <= runs; run++) {
      const p = await timeUp(procella, procellaDir, `acme/bench/run${run}`, {});
      const l = await timeUp(local, localDir, `run${run}`, localEnv);
      if (run > 0) {
        procellaSeconds.push(p);
        localSeconds.push(l);
      }
    }
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    return {
      resources: count,
      runs,
      procellaSeconds: round(mean(procellaSeconds), 2),
      localFileBackendSeconds: round(mean(localSeconds), 2),
      ratio: round(mean(procellaSeconds) / mean(localSeconds), 2),
    };
  } finally {
    procella.cleanup();
    local.cleanup();
    rmSync(stateDir, { recursive: true, force: true });
  }
}
