import { writeFileSync } from "node:fs";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, test } from "bun:test";

import { parseExport, resourceNamed } from "../harness/deployment.ts";
import { E2eEnvironment, e2eTimeoutMs } from "../harness/environment.ts";
import { pulumiAvailable } from "../harness/prerequisites.ts";
import { RunningCli } from "../harness/running-cli.ts";
import { countRequests, logEntries } from "../harness/server-stats.ts";
import { e2eTargets } from "../harness/targets.ts";
import { waitFor } from "../harness/wait.ts";

// A new `round` replaces the Sleep, and its create waits `seconds`, so an update stays running that long.
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
outputs:
  round: \${nap.triggers["round"]}
`;

const stack = "acme/locks/dev";

interface HistoryEntry {
  version: number;
  kind: string;
  result: string;
}

describe.skipIf(!pulumiAvailable()).each(e2eTargets())("concurrent updates on %s", (target) => {
  let env: E2eEnvironment;
  let dir: string;
  const pulumi = (args: string[]) => env.cli.ok(args, { cwd: dir });
  const history = async () => JSON.parse((await pulumi(["stack", "history", "--json"])).stdout) as HistoryEntry[];
  const up = () => new RunningCli(env.cli.spawn(["up", "--yes", "--skip-preview", "--non-interactive"], { cwd: dir }));

  beforeAll(async () => {
    env = await E2eEnvironment.open(target);
    dir = env.cli.writeProject("locks", program);
    await pulumi(["stack", "init", stack, "--non-interactive"]);
    await pulumi(["config", "set", "round", "first"]);
    await pulumi(["up", "--yes", "--skip-preview", "--non-interactive"]);
  }, e2eTimeoutMs);

  afterAll(async () => {
    await env?.close();
  });

  test("two ups at once: one wins, the other gets the conflict", async () => {
    await pulumi(["config", "set", "round", "race"]);
    await pulumi(["config", "set", "seconds", "5"]);
    const from = env.logLines.length;
    const versionsBefore = (await history()).length;

    const first = up();
    const second = up();
    const results = await Promise.all([first.result(), second.result()]);

    const winners = results.filter((result) => result.code === 0);
    const losers = results.filter((result) => result.code !== 0);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    const loserOutput = `${losers[0]?.stdout}${losers[0]?.stderr}`;
    expect(loserOutput).toContain("[409] Another update is currently in progress.");

    const requests = countRequests(env.logLines, from);
    console.log(`${target} race: requests ${JSON.stringify(requests.byRoute)}`);
    const conflicts = logEntries(env.logLines.slice(from), "request rejected").filter((entry) => entry.status === 409);
    // The stack is taken when an update starts, where the CLI adds its explanation of the conflict.
    expect(conflicts.map((entry) => entry.route)).toEqual(["startUpdate"]);

    const after = await history();
    expect(after).toHaveLength(versionsBefore + 1);
    expect(after[0]).toMatchObject({ kind: "update", result: "succeeded" });
    expect(await env.activeUpdate(stack)).toBe("");
    const outputs = JSON.parse((await pulumi(["stack", "output", "--json"])).stdout) as Record<string, string>;
    expect(outputs.round).toBe("race");
  }, e2eTimeoutMs);

  test("pulumi cancel frees the stack", async () => {
    await pulumi(["config", "set", "round", "cancelled"]);
    await pulumi(["config", "set", "seconds", "120"]);
    const running = up();
    try {
      await running.waitForOutput(/nap creating/);
      const updateId = await waitFor("the update to hold the stack", async () => (await env.activeUpdate(stack)) || undefined);

      // The stack is locked: a second up, a rename and an import are refused until the first ends.
      await pulumi(["config", "set", "seconds", "0"]);
      const blocked = await env.cli.run(["up", "--yes", "--skip-preview", "--non-interactive"], { cwd: dir });
      expect(blocked.code).not.toBe(0);
      expect(blocked.stderr).toContain("Another update is currently in progress");
      const rename = await env.cli.run(["stack", "rename", "acme/locks/renamed"], { cwd: dir });
      expect(rename.code).not.toBe(0);
      expect(rename.stderr).toContain("Another update is currently in progress");
      const exported = (await pulumi(["stack", "export", "--version", "1"])).stdout;
      const stateFile = path.join(env.cli.workDir, "locked.json");
      writeFileSync(stateFile, exported);
      const imported = await env.cli.run(["stack", "import", "--file", stateFile], { cwd: dir });
      expect(imported.code).not.toBe(0);
      expect(imported.stderr).toContain("Another update is currently in progress");

      // A preview never changes state, so it runs next to the update.
      await pulumi(["preview", "--non-interactive"]);
      expect(await env.activeUpdate(stack)).toBe(updateId);

      const cancel = await pulumi(["cancel", "--yes", "--non-interactive"]);
      expect(cancel.stdout).toContain("has been canceled");
      expect(await env.activeUpdate(stack)).toBe("");
      const cancelLog = logEntries(env.logLines, "update cancelled").at(-1);
      expect(cancelLog?.updateId).toBe(updateId);
    } finally {
      // The cancelled CLI would keep sleeping in its provider, and the server accepts nothing it sends from now on.
      await running.kill();
    }

    // The next update runs, clears the interrupted create and converges.
    await pulumi(["config", "set", "round", "after-cancel"]);
    await pulumi(["up", "--yes", "--skip-preview", "--non-interactive"]);
    await pulumi(["preview", "--expect-no-changes", "--non-interactive"]);
    const state = parseExport((await pulumi(["stack", "export"])).stdout);
    expect(resourceNamed(state, "nap").inputs?.triggers).toEqual({ round: "after-cancel" });
    // The CLI carries an interrupted create forward as a pending operation until an interactive refresh clears it.
    const pending = (state.deployment.pending_operations ?? []) as { type: string; resource: { urn: string } }[];
    expect(pending.map((operation) => [operation.type, operation.resource.urn])).toEqual([
      ["creating", "urn:pulumi:dev::locks::random:index/sleep:Sleep::nap"],
    ]);

    const [latest, cancelled] = await history();
    expect(latest).toMatchObject({ kind: "update", result: "succeeded" });
    expect(cancelled).toMatchObject({ kind: "update", result: "failed" });
  }, e2eTimeoutMs);
});
