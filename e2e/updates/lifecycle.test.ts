import { afterAll, beforeAll, describe, expect, test } from "bun:test";

import { parseExport, resourcesOf, stackOutputsOf, urnsOf } from "../harness/deployment.ts";
import { E2eEnvironment, e2eTimeoutMs } from "../harness/environment.ts";
import { pulumiAvailable } from "../harness/prerequisites.ts";
import { e2eTargets } from "../harness/targets.ts";

const program = `
config:
  greeting:
    type: string
    default: hello
resources:
  pet:
    type: random:index/randomPet:RandomPet
    properties:
      prefix: \${greeting}
  word:
    type: random:index/randomString:RandomString
    properties:
      length: 12
      special: false
outputs:
  petName: \${pet.id}
  word: \${word.result}
  greeting: \${greeting}
`;

/** One entry of `pulumi stack history --json`. */
interface HistoryEntry {
  version: number;
  kind: string;
  result: string;
  startTime: string;
  endTime?: string;
  resourceChanges?: Record<string, number>;
  config: Record<string, { value?: string; secret: boolean }>;
}

const stack = "acme/life/dev";
const petUrn = "urn:pulumi:dev::life::random:index/randomPet:RandomPet::pet";
const wordUrn = "urn:pulumi:dev::life::random:index/randomString:RandomString::word";
const rootUrn = "urn:pulumi:dev::life::pulumi:pulumi:Stack::life-dev";

describe.skipIf(!pulumiAvailable()).each(e2eTargets())("update lifecycle on %s", (target) => {
  let env: E2eEnvironment;
  let dir: string;
  const pulumi = (args: string[]) => env.cli.ok(args, { cwd: dir });
  const outputs = async () => JSON.parse((await pulumi(["stack", "output", "--json"])).stdout) as Record<string, unknown>;
  const listedResourceCount = async () => {
    const stacks = JSON.parse((await pulumi(["stack", "ls", "--json"])).stdout) as { name: string; resourceCount?: number }[];
    return stacks.find((entry) => entry.name === "dev")?.resourceCount;
  };

  beforeAll(async () => {
    env = await E2eEnvironment.open(target);
    dir = env.cli.writeProject("life", program);
    await pulumi(["stack", "init", stack, "--non-interactive"]);
  }, e2eTimeoutMs);

  afterAll(async () => {
    await env?.close();
  });

  // Each step builds on the state the previous one left, so they run as one test.
  test("up, preview, config change, up, refresh, destroy", async () => {
    await pulumi(["up", "--yes", "--non-interactive"]);
    const first = await outputs();
    expect(first.greeting).toBe("hello");
    expect(String(first.petName)).toStartWith("hello-");
    expect(String(first.word)).toMatch(/^[A-Za-z0-9]{12}$/);

    await pulumi(["preview", "--expect-no-changes", "--non-interactive"]);

    await pulumi(["config", "set", "greeting", "bye"]);
    const changed = await pulumi(["up", "--yes", "--non-interactive"]);
    expect(changed.stdout).toMatch(/1 replaced/);
    const second = await outputs();
    expect(second.greeting).toBe("bye");
    expect(String(second.petName)).toStartWith("bye-");
    expect(second.word).toBe(first.word);

    const shown = await pulumi(["stack", "--show-urns"]);
    for (const urn of [rootUrn, petUrn, wordUrn]) {
      expect(shown.stdout).toContain(urn);
    }
    expect(shown.stdout).toContain("Current stack is");

    await pulumi(["refresh", "--yes", "--expect-no-changes", "--non-interactive"]);
    await pulumi(["preview", "--expect-no-changes", "--non-interactive"]);
    expect(await outputs()).toEqual(second);

    expect(await listedResourceCount()).toBe(4);
    const removal = await env.cli.run(["stack", "rm", "--yes", "--non-interactive"], { cwd: dir });
    expect(removal.code).not.toBe(0);
    expect(removal.stderr).toContain("'dev' still has resources; removal rejected");

    await pulumi(["destroy", "--yes", "--non-interactive"]);
    expect(await listedResourceCount()).toBe(0);
    expect(await outputs()).toEqual({});
    const destroyed = parseExport((await pulumi(["stack", "export"])).stdout);
    expect(resourcesOf(destroyed)).toEqual([]);

    const history = JSON.parse((await pulumi(["stack", "history", "--json"])).stdout) as HistoryEntry[];
    console.log(`history of ${target}:`, history.map((entry) => `${entry.version} ${entry.kind} ${entry.result}`).join(", "));
    expect(history.map((entry) => entry.version)).toEqual([4, 3, 2, 1]);
    expect(history.map((entry) => entry.kind)).toEqual(["destroy", "refresh", "update", "update"]);
    expect(history.map((entry) => entry.result)).toEqual(["succeeded", "succeeded", "succeeded", "succeeded"]);
    for (const entry of history) {
      expect(entry.endTime).toBeDefined();
      expect(Date.parse(entry.endTime ?? "")).toBeGreaterThanOrEqual(Date.parse(entry.startTime));
    }
    const [destroy, , update2, update1] = history;
    expect(update1?.resourceChanges).toEqual({ create: 3 });
    expect(update1?.config["life:greeting"]?.value).toBe("hello");
    expect(update2?.resourceChanges).toMatchObject({ replace: 1 });
    expect(update2?.config["life:greeting"]?.value).toBe("bye");
    expect(destroy?.resourceChanges).toEqual({ delete: 3 });
  }, e2eTimeoutMs);

  test("export of each version", async () => {
    const version1 = parseExport((await pulumi(["stack", "export", "--version", "1"])).stdout);
    expect(String(stackOutputsOf(version1).petName)).toStartWith("hello-");
    expect(urnsOf(version1)).toEqual(expect.arrayContaining([rootUrn, petUrn, wordUrn]));

    const version2 = parseExport((await pulumi(["stack", "export", "--version", "2"])).stdout);
    expect(String(stackOutputsOf(version2).petName)).toStartWith("bye-");
    expect(stackOutputsOf(version2).word).toBe(stackOutputsOf(version1).word);

    const version3 = parseExport((await pulumi(["stack", "export", "--version", "3"])).stdout);
    expect(stackOutputsOf(version3)).toEqual(stackOutputsOf(version2));

    const version4 = parseExport((await pulumi(["stack", "export", "--version", "4"])).stdout);
    expect(resourcesOf(version4)).toEqual([]);

    const missing = await env.cli.run(["stack", "export", "--version", "5"], { cwd: dir });
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain("404");
  }, e2eTimeoutMs);

  test("previews stay out of history and change no version", async () => {
    const before = JSON.parse((await pulumi(["stack", "history", "--json"])).stdout) as HistoryEntry[];
    await pulumi(["preview", "--non-interactive"]);
    const after = JSON.parse((await pulumi(["stack", "history", "--json"])).stdout) as HistoryEntry[];
    expect(after).toEqual(before);
    const exported = parseExport((await pulumi(["stack", "export"])).stdout);
    expect(resourcesOf(exported)).toEqual([]);
  }, e2eTimeoutMs);

  test("stack rm after destroy", async () => {
    await pulumi(["stack", "rm", "--yes", "--non-interactive"]);
    const listed = await env.cli.ok(["stack", "ls", "--all", "--json"], { cwd: dir });
    expect(listed.stdout).not.toContain("acme/life/dev");
  }, e2eTimeoutMs);
});
