import { afterAll, beforeAll, describe, expect, test } from "bun:test";

import { createdResourceNames } from "../harness/cli-output.ts";
import { parseExport, urnsOf } from "../harness/deployment.ts";
import { E2eEnvironment, e2eTimeoutMs } from "../harness/environment.ts";
import { pulumiAvailable } from "../harness/prerequisites.ts";
import { RunningCli } from "../harness/running-cli.ts";
import { countRequests } from "../harness/server-stats.ts";
import { e2eTargets } from "../harness/targets.ts";
import { writeModes } from "../harness/write-modes.ts";

const chainLength = 8;

/** Returns a chain of one-second Sleeps, each with a RandomString after it, so creates keep coming for several seconds. */
function chainProgram(): string {
  const lines = ["resources:"];
  for (let index = 0; index < chainLength; index++) {
    lines.push(`  nap${index}:`, "    type: random:index/sleep:Sleep", "    properties:", "      createSeconds: 1");
    if (index > 0) {
      lines.push("    options:", "      dependsOn:", `        - \${nap${index - 1}}`);
    }
    lines.push(
      `  word${index}:`,
      "    type: random:index/randomString:RandomString",
      "    properties:",
      "      length: 8",
      "      special: false",
      "    options:",
      "      dependsOn:",
      `        - \${nap${index}}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

describe.skipIf(!pulumiAvailable()).each(e2eTargets())("server crash during an update on %s", (target) => {
  let env: E2eEnvironment;

  beforeAll(async () => {
    env = await E2eEnvironment.open(target);
  }, e2eTimeoutMs);

  afterAll(async () => {
    await env?.close();
  });

  test.each(writeModes)("$name: the update converges after a restart", async (mode) => {
    const stack = `acme/crash/${mode.name}`;
    const dir = env.cli.writeProject("crash", chainProgram(), `crash-${mode.name}`);
    const pulumi = (args: string[]) => env.cli.ok(args, { cwd: dir, env: mode.cliEnv });
    await pulumi(["stack", "init", stack, "--non-interactive"]);

    const running = new RunningCli(
      env.cli.spawn(["up", "--yes", "--skip-preview", "--non-interactive"], { cwd: dir, env: mode.cliEnv }),
    );
    let first;
    try {
      await running.waitForOutput(/nap2 created/);
      await env.killServer();
      await Bun.sleep(500);
      await env.restartServer();
      first = await running.result();
    } finally {
      if (running.process.exitCode === null) {
        await running.kill();
      }
    }
    const reported = createdResourceNames(first.stdout);
    console.log(
      `${target} ${mode.name}: the interrupted up exited ${first.code} after creating ${reported.length} resources;`,
      `requests to the restarted server: ${JSON.stringify(countRequests(env.server.logLines).byRoute)}`,
    );

    let rerun;
    if (first.code !== 0) {
      // The CLI gave up, so a re-run must converge once the stack is free again.
      if ((await env.activeUpdate(stack)) !== "") {
        await pulumi(["cancel", "--yes", "--non-interactive"]);
      }
      rerun = await pulumi(["up", "--yes", "--skip-preview", "--non-interactive"]);
    }

    const state = parseExport((await pulumi(["stack", "export"])).stdout);
    const urns = urnsOf(state);
    for (const name of [...reported, ...createdResourceNames(rerun?.stdout ?? "")]) {
      expect({ name, stored: urns.some((urn) => urn.endsWith(`::${name}`)) }).toEqual({ name, stored: true });
    }
    // The stack resource, the provider and the whole chain.
    expect(urns).toHaveLength(2 + 2 * chainLength);
    await pulumi(["preview", "--expect-no-changes", "--non-interactive"]);
  }, e2eTimeoutMs);
});
