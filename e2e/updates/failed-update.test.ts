import { afterAll, beforeAll, describe, expect, test } from "bun:test";

import { createdResourceNames } from "../harness/cli-output.ts";
import { maskDeployment, parseExport, resourcesOf, urnsOf } from "../harness/deployment.ts";
import { E2eEnvironment, e2eTimeoutMs } from "../harness/environment.ts";
import { pulumiAvailable } from "../harness/prerequisites.ts";
import { e2eTargets } from "../harness/targets.ts";
import { writeModes } from "../harness/write-modes.ts";

const goodResources = `
  first:
    type: random:index/randomString:RandomString
    properties:
      length: 8
      special: false
  second:
    type: random:index/randomPet:RandomPet
`;

// A resource that fails to create, and one that waits for it and so is never created.
const failingResources = `
  boom:
    type: random:index/failure:Failure
    properties:
      message: planned failure for the test
  after:
    type: random:index/randomInteger:RandomInteger
    properties:
      min: 1
      max: 9
    options:
      dependsOn:
        - \${boom}
`;

const outputs = `
outputs:
  first: \${first.result}
  second: \${second.id}
`;

const goodProgram = `resources:${goodResources}${outputs}`;
const failingProgram = `resources:${goodResources}${failingResources}${outputs}`;

describe.skipIf(!pulumiAvailable()).each(e2eTargets())("failed updates on %s", (target) => {
  let env: E2eEnvironment;

  beforeAll(async () => {
    env = await E2eEnvironment.open(target);
  }, e2eTimeoutMs);

  afterAll(async () => {
    await env?.close();
  });

  test.each(writeModes)("$name: a failed update keeps the last good state and unlocks", async (mode) => {
    const stack = `acme/fragile/${mode.name}`;
    const dir = env.cli.writeProject("fragile", goodProgram, `fragile-${mode.name}`);
    const pulumi = (args: string[]) => env.cli.ok(args, { cwd: dir, env: mode.cliEnv });
    await pulumi(["stack", "init", stack, "--non-interactive"]);
    await pulumi(["up", "--yes", "--non-interactive"]);
    const good = parseExport((await pulumi(["stack", "export"])).stdout);
    expect(resourcesOf(good)).toHaveLength(4);

    env.cli.writeProject("fragile", failingProgram, `fragile-${mode.name}`);
    const failed = await env.cli.run(["up", "--yes", "--non-interactive"], { cwd: dir, env: mode.cliEnv });
    expect(failed.code).not.toBe(0);
    expect(failed.stdout).toContain("planned failure for the test");
    expect(await env.activeUpdate(stack)).toBe("");

    // Nothing the failed update did breaks the state: every resource it reported as created is there, and the
    // resources of the last good update are unchanged.
    const after = parseExport((await pulumi(["stack", "export"])).stdout);
    const created = createdResourceNames(failed.stdout);
    console.log(`${target} ${mode.name}: the failed update created [${created.join(", ")}]`);
    expect(created).not.toContain("boom");
    expect(created).not.toContain("after");
    for (const name of created) {
      expect(urnsOf(after).some((urn) => urn.endsWith(`::${name}`))).toBe(true);
    }
    expect(urnsOf(after).some((urn) => urn.endsWith("::after"))).toBe(false);
    expect(maskDeployment(after, mode.name)).toEqual(maskDeployment(good, mode.name));

    const history = JSON.parse((await pulumi(["stack", "history", "--json"])).stdout) as { result: string; version: number }[];
    expect(history.map((entry) => [entry.version, entry.result])).toEqual([
      [2, "failed"],
      [1, "succeeded"],
    ]);

    // The stack is free and the state consistent, so the good program previews and updates with no changes.
    env.cli.writeProject("fragile", goodProgram, `fragile-${mode.name}`);
    await pulumi(["preview", "--expect-no-changes", "--non-interactive"]);
    await pulumi(["up", "--yes", "--expect-no-changes", "--non-interactive"]);
    await pulumi(["refresh", "--yes", "--expect-no-changes", "--non-interactive"]);
  }, e2eTimeoutMs);
});
