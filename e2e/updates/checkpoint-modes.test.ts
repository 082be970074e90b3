import { afterAll, beforeAll, describe, expect, test } from "bun:test";

import { maskDeployment, parseExport, resourcesOf } from "../harness/deployment.ts";
import { E2eEnvironment, e2eTimeoutMs } from "../harness/environment.ts";
import { pulumiAvailable } from "../harness/prerequisites.ts";
import { countRequests } from "../harness/server-stats.ts";
import { e2eTargets } from "../harness/targets.ts";

/**
 * Returns the program of round 1 or 2 for the stack `stackName`. It has parents, explicit and implicit
 * dependencies, every resource type that stores generated values, a secret
 * output and resource options that change how steps are journaled. Round 2
 * replaces some resources (one delete-before-replace), deletes one, retains
 * one on delete, renames one with an alias and changes an ignored input, so
 * the replayed state has plenty to get wrong.
 */
function modesProgram(round: 1 | 2, stackName: string): string {
  const resources = `
  name:
    type: random:index/randomPet:RandomPet
    properties:
      prefix: \${suffix}
  token:
    type: random:index/randomString:RandomString
    properties:
      length: 16
      special: false
      keepers:
        pet: \${name.id}
  port:
    type: random:index/randomInteger:RandomInteger
    properties:
      min: 10000000
      max: 99999999
    options:
      parent: \${name}
  nap:
    type: random:index/sleep:Sleep
    properties:
      createSeconds: 0
      triggers:
        token: \${token.result}
    options:
      dependsOn:
        - \${port}
  fixed:
    type: random:index/randomString:RandomString
    properties:
      length: 8
  hidden:
    type: random:index/randomString:RandomString
    properties:
      length: 12
    options:
      additionalSecretOutputs:
        - result
  swapped:
    type: random:index/randomString:RandomString
    properties:
      length: 6
      keepers:
        suffix: \${suffix}
    options:
      deleteBeforeReplace: true
  ignored:
    type: random:index/randomString:RandomString
    properties:
      length: ${round === 1 ? 10 : 11}
    options:
      ignoreChanges:
        - length
`;
  const roundOne = `
  retained:
    type: random:index/randomInteger:RandomInteger
    properties:
      min: 10000000
      max: 99999999
    options:
      retainOnDelete: true
  gone:
    type: random:index/randomPet:RandomPet
  before:
    type: random:index/randomPet:RandomPet
`;
  const roundTwo = `
  after:
    type: random:index/randomPet:RandomPet
    options:
      aliases:
        - urn:pulumi:${stackName}::modes::random:index/randomPet:RandomPet::before
`;
  return `
config:
  suffix:
    type: string
resources:${resources}${round === 1 ? roundOne : roundTwo}
outputs:
  pet: \${name.id}
  token: \${token.result}
  port: \${port.result}
  hidden: \${hidden.result}
`;
}

interface Mode {
  name: string;
  /** Uses the server whose delta cutoff is 1 byte. */
  tinyCutoff: boolean;
  cliEnv: Record<string, string>;
  /** The endpoint that must carry this mode's state writes. */
  writeRoute: string;
  /** Endpoints that must not be called in this mode. */
  unusedRoutes: string[];
}

const modes: Mode[] = [
  {
    name: "journal",
    tinyCutoff: false,
    cliEnv: {},
    writeRoute: "patchJournalEntries",
    unusedRoutes: ["patchCheckpoint", "patchCheckpointVerbatim", "patchCheckpointDelta"],
  },
  {
    name: "verbatim",
    tinyCutoff: false,
    cliEnv: { PULUMI_DISABLE_JOURNALING: "true" },
    writeRoute: "patchCheckpointVerbatim",
    unusedRoutes: ["patchJournalEntries", "patchCheckpoint", "patchCheckpointDelta"],
  },
  {
    // PULUMI_OPTIMIZED_CHECKPOINT_PATCH=false turns the delta protocol off in the CLI, which then sends whole checkpoints.
    name: "full",
    tinyCutoff: false,
    cliEnv: { PULUMI_DISABLE_JOURNALING: "true", PULUMI_OPTIMIZED_CHECKPOINT_PATCH: "false" },
    writeRoute: "patchCheckpoint",
    unusedRoutes: ["patchJournalEntries", "patchCheckpointVerbatim", "patchCheckpointDelta"],
  },
  {
    name: "delta",
    tinyCutoff: true,
    cliEnv: { PULUMI_DISABLE_JOURNALING: "true" },
    writeRoute: "patchCheckpointDelta",
    unusedRoutes: ["patchJournalEntries", "patchCheckpoint"],
  },
];

const rounds = [
  { round: 1, suffix: "one", resources: 13 },
  { round: 2, suffix: "two", resources: 11 },
] as const;

describe.skipIf(!pulumiAvailable()).each(e2eTargets())("checkpoint modes on %s", (target) => {
  let standard: E2eEnvironment;
  let tinyCutoff: E2eEnvironment;
  /** Masked export after each round, by mode name. */
  const exports = new Map<string, unknown[]>();

  beforeAll(async () => {
    standard = await E2eEnvironment.open(target);
    tinyCutoff = await E2eEnvironment.open(target, { serverEnv: { PROCELLA_DELTA_CUTOFF_BYTES: "1" } });
  }, e2eTimeoutMs);

  afterAll(async () => {
    await standard?.close();
    await tinyCutoff?.close();
  });

  test.each(modes)("$name: up, then preview and refresh see no changes", async (mode) => {
    const env = mode.tinyCutoff ? tinyCutoff : standard;
    const folder = `modes-${mode.name}`;
    const dir = env.cli.writeProject("modes", modesProgram(1, mode.name), folder);
    const pulumi = (args: string[]) => env.cli.ok(args, { cwd: dir, env: mode.cliEnv });
    await pulumi(["stack", "init", `acme/modes/${mode.name}`, "--non-interactive"]);

    const masked: unknown[] = [];
    for (const { round, suffix, resources } of rounds) {
      env.cli.writeProject("modes", modesProgram(round, mode.name), folder);
      await pulumi(["config", "set", "suffix", suffix]);
      const from = env.logLines.length;
      await pulumi(["up", "--yes", "--skip-preview", "--non-interactive"]);
      const requests = countRequests(env.logLines, from);
      console.log(`${target} ${mode.name} up ${round}: ${requests.total} requests ${JSON.stringify(requests.byRoute)}`);
      expect(requests.byRoute[mode.writeRoute] ?? 0).toBeGreaterThan(0);
      for (const route of mode.unusedRoutes) {
        expect({ route, calls: requests.byRoute[route] ?? 0 }).toEqual({ route, calls: 0 });
      }

      await pulumi(["preview", "--expect-no-changes", "--non-interactive"]);
      await pulumi(["refresh", "--yes", "--expect-no-changes", "--non-interactive"]);

      const exported = parseExport((await pulumi(["stack", "export"])).stdout);
      expect(resourcesOf(exported)).toHaveLength(resources);
      masked.push(maskDeployment(exported, mode.name));
    }
    exports.set(mode.name, masked);
  }, e2eTimeoutMs);

  test("every mode stores the same state", () => {
    const reference = exports.get("journal");
    expect(reference).toHaveLength(rounds.length);
    for (const mode of modes.slice(1)) {
      expect({ mode: mode.name, exports: exports.get(mode.name) }).toEqual({ mode: mode.name, exports: reference });
    }
  });
});
