import { afterAll, beforeAll, describe, expect, test } from "bun:test";

import { parseExport, resourceNamed } from "../harness/deployment.ts";
import { E2eEnvironment, e2eTimeoutMs } from "../harness/environment.ts";
import { pulumiAvailable } from "../harness/prerequisites.ts";
import { RunningCli } from "../harness/running-cli.ts";
import { logEntries } from "../harness/server-stats.ts";
import { e2eTargets } from "../harness/targets.ts";
import { waitFor } from "../harness/wait.ts";

const program = `
config:
  round:
    type: string
  seconds:
    type: integer
    default: 0
resources:
  nap:
    type: random:index/sleep:Sleep
    properties:
      createSeconds: \${seconds}
      triggers:
        round: \${round}
`;

const stack = "acme/orphans/dev";

// The CLI assumes a 5-minute lease and renews it only after half of that, so
// with this short lease every update of the suite must finish within it.
const leaseSeconds = 8;

describe.skipIf(!pulumiAvailable()).each(e2eTargets())("abandoned updates on %s", (target) => {
  let env: E2eEnvironment;
  let dir: string;
  const pulumi = (args: string[]) => env.cli.ok(args, { cwd: dir });

  beforeAll(async () => {
    env = await E2eEnvironment.open(target, {
      serverEnv: { PROCELLA_LEASE_SECONDS: String(leaseSeconds), PROCELLA_GC_INTERVAL_SECONDS: "1" },
    });
    dir = env.cli.writeProject("orphans", program);
    await pulumi(["stack", "init", stack, "--non-interactive"]);
    await pulumi(["config", "set", "round", "first"]);
    await pulumi(["up", "--yes", "--skip-preview", "--non-interactive"]);
  }, e2eTimeoutMs);

  afterAll(async () => {
    await env?.close();
  });

  test("GC reclaims the update of a killed CLI", async () => {
    await pulumi(["config", "set", "round", "killed"]);
    await pulumi(["config", "set", "seconds", "300"]);
    const running = new RunningCli(env.cli.spawn(["up", "--yes", "--skip-preview", "--non-interactive"], { cwd: dir }));
    let updateId: string;
    try {
      await running.waitForOutput(/nap creating/);
      updateId = await waitFor("the update to hold the stack", async () => (await env.activeUpdate(stack)) || undefined);
    } finally {
      await running.kill();
    }
    const killedAt = Date.now();

    const cancellation = await waitFor(
      "GC to cancel the abandoned update",
      () => logEntries(env.logLines, "gc cancelled an abandoned update").find((entry) => entry.updateId === updateId),
      { timeoutMs: (leaseSeconds + 30) * 1000 },
    );
    console.log(`${target}: GC cancelled update ${updateId} ${Date.now() - killedAt} ms after the CLI was killed`);
    expect(cancellation.reason).toBe("lease-expired");
    expect(await env.activeUpdate(stack)).toBe("");

    await pulumi(["config", "set", "round", "after-gc"]);
    await pulumi(["config", "set", "seconds", "0"]);
    await pulumi(["up", "--yes", "--skip-preview", "--non-interactive"]);
    const state = parseExport((await pulumi(["stack", "export"])).stdout);
    expect(resourceNamed(state, "nap").inputs?.triggers).toEqual({ round: "after-gc" });

    const history = JSON.parse((await pulumi(["stack", "history", "--json"])).stdout) as { kind: string; result: string }[];
    expect(history.map((entry) => entry.result)).toEqual(["succeeded", "failed", "succeeded"]);
  }, e2eTimeoutMs);

  test("an expired lease is rejected", async () => {
    await pulumi(["config", "set", "round", "too-slow"]);
    await pulumi(["config", "set", "seconds", String(leaseSeconds + 4)]);
    const result = await env.cli.run(["up", "--yes", "--skip-preview", "--non-interactive"], { cwd: dir });
    expect(result.code).not.toBe(0);
    // GC cancelled the update while the provider slept, so its next journal write is refused.
    expect(result.stdout).toMatch(/\[409\] Update '[0-9a-f-]+' is no longer in progress; its status is cancelled/);
    expect(await env.activeUpdate(stack)).toBe("");

    // The stack is usable again right away.
    await pulumi(["config", "set", "seconds", "0"]);
    await pulumi(["config", "set", "round", "recovered"]);
    await pulumi(["up", "--yes", "--skip-preview", "--non-interactive"]);
  }, e2eTimeoutMs);
});
