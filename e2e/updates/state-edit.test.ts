import { writeFileSync } from "node:fs";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, test } from "bun:test";

import { type ExportedDeployment, parseExport, resourceNamed, resourcesOf, urnsOf } from "../harness/deployment.ts";
import { E2eEnvironment, e2eTimeoutMs } from "../harness/environment.ts";
import { pulumiAvailable } from "../harness/prerequisites.ts";
import { e2eTargets } from "../harness/targets.ts";

const program = `
resources:
  keep:
    type: random:index/randomString:RandomString
    properties:
      length: 10
      special: false
  guarded:
    type: random:index/randomPet:RandomPet
    options:
      protect: true
  extra:
    type: random:index/randomInteger:RandomInteger
    properties:
      min: 1
      max: 50
outputs:
  keep: \${keep.result}
`;

const keepUrn = "urn:pulumi:dev::ledger::random:index/randomString:RandomString::keep";
const guardedUrn = "urn:pulumi:dev::ledger::random:index/randomPet:RandomPet::guarded";
const extraUrn = "urn:pulumi:dev::ledger::random:index/randomInteger:RandomInteger::extra";

describe.skipIf(!pulumiAvailable()).each(e2eTargets())("state export, import and edits on %s", (target) => {
  let env: E2eEnvironment;
  let dir: string;
  /** The export right after the first `up`. */
  let originalText: string;
  const pulumi = (args: string[]) => env.cli.ok(args, { cwd: dir });
  const exportState = async (): Promise<ExportedDeployment> => parseExport((await pulumi(["stack", "export"])).stdout);
  const importFile = (name: string, text: string): string => {
    const file = path.join(env.cli.workDir, name);
    writeFileSync(file, text);
    return file;
  };

  beforeAll(async () => {
    env = await E2eEnvironment.open(target);
    dir = env.cli.writeProject("ledger", program);
    await pulumi(["stack", "init", "acme/ledger/dev", "--non-interactive"]);
    await pulumi(["up", "--yes", "--non-interactive"]);
    originalText = (await pulumi(["stack", "export"])).stdout;
  }, e2eTimeoutMs);

  afterAll(async () => {
    await env?.close();
  });

  test("edited import shows up in the next preview", async () => {
    const edited = parseExport(originalText);
    const keep = resourceNamed(edited, "keep");
    keep.inputs = { ...keep.inputs, length: 11 };
    await pulumi(["stack", "import", "--file", importFile("edited.json", JSON.stringify(edited))]);

    expect(resourceNamed(await exportState(), "keep").inputs?.length).toBe(11);
    const preview = await pulumi(["preview", "--diff", "--non-interactive"]);
    expect(preview.stdout).toMatch(/\+-random:index\/randomString:RandomString: \(replace\)\s+\[id=\w+\]\s+\[urn=[^\]]+::keep\]/);
    expect(preview.stdout).toMatch(/\+-1 to replace/);
    expect(preview.stdout).toMatch(/3 unchanged/);
    const strict = await env.cli.run(["preview", "--expect-no-changes", "--non-interactive"], { cwd: dir });
    expect(strict.code).not.toBe(0);

    // Importing the original export again restores the state exactly.
    await pulumi(["stack", "import", "--file", importFile("original.json", originalText)]);
    await pulumi(["preview", "--expect-no-changes", "--non-interactive"]);
    expect(resourceNamed(await exportState(), "keep")).toEqual(resourceNamed(parseExport(originalText), "keep"));

    const history = JSON.parse((await pulumi(["stack", "history", "--json"])).stdout) as { kind: string; version: number }[];
    expect(history.map((entry) => entry.kind)).toEqual(["import", "import", "update"]);
    expect(history.map((entry) => entry.version)).toEqual([3, 2, 1]);
  }, e2eTimeoutMs);

  test("import into a fresh stack", async () => {
    // The CLI refuses resources of another stack, so the export's URNs are moved to the new stack's name first.
    const moved = originalText.replaceAll("urn:pulumi:dev::", "urn:pulumi:copy::").replaceAll("ledger-dev", "ledger-copy");
    const copy = (args: string[]) => env.cli.ok([...args, "--stack", "acme/ledger/copy"], { cwd: dir });
    await pulumi(["stack", "init", "acme/ledger/copy", "--no-select", "--non-interactive"]);
    await copy(["stack", "import", "--file", importFile("moved.json", moved)]);

    const copied = parseExport((await copy(["stack", "export"])).stdout);
    expect(urnsOf(copied)).toEqual(urnsOf(parseExport(moved)));
    expect(resourceNamed(copied, "keep").outputs?.result).toBe(resourceNamed(parseExport(originalText), "keep").outputs?.result);
    await copy(["preview", "--expect-no-changes", "--non-interactive"]);
  }, e2eTimeoutMs);

  test("state delete removes a resource", async () => {
    await pulumi(["state", "delete", extraUrn, "--yes"]);
    const state = await exportState();
    expect(urnsOf(state)).not.toContain(extraUrn);
    expect(urnsOf(state)).toContain(keepUrn);

    const preview = await pulumi(["preview", "--non-interactive"]);
    expect(preview.stdout).toContain("1 to create");
    await pulumi(["up", "--yes", "--non-interactive"]);
    expect(urnsOf(await exportState())).toContain(extraUrn);
  }, e2eTimeoutMs);

  test("state unprotect allows destroy", async () => {
    expect(resourceNamed(await exportState(), "guarded").protect).toBe(true);
    // Destroy works from the stored state, so the protect flag there is what blocks it.
    const blocked = await env.cli.run(["destroy", "--yes", "--non-interactive"], { cwd: dir });
    expect(blocked.code).not.toBe(0);
    expect(`${blocked.stdout}${blocked.stderr}`).toContain("protected");
    expect(urnsOf(await exportState())).toContain(guardedUrn);

    await pulumi(["state", "unprotect", guardedUrn, "--yes"]);
    expect(resourceNamed(await exportState(), "guarded").protect ?? false).toBe(false);

    await pulumi(["destroy", "--yes", "--non-interactive"]);
    expect(resourcesOf(await exportState())).toEqual([]);
  }, e2eTimeoutMs);
});
