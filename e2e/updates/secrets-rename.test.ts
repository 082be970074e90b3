import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, test } from "bun:test";

import { parseExport, stackOutputsOf, urnsOf } from "../harness/deployment.ts";
import { E2eEnvironment, e2eTimeoutMs } from "../harness/environment.ts";
import { pulumiAvailable } from "../harness/prerequisites.ts";
import { e2eTargets } from "../harness/targets.ts";

const program = `
config:
  password:
    type: string
resources:
  generated:
    type: random:index/randomString:RandomString
    properties:
      length: 14
      special: false
outputs:
  password: \${password}
  token:
    fn::secret: \${generated.result}
  plain: \${generated.result}
`;

const secretValue = "correct-horse-battery-staple";

describe.skipIf(!pulumiAvailable()).each(e2eTargets())("secrets and stack rename on %s", (target) => {
  let env: E2eEnvironment;
  let dir: string;
  /** The stack's generated string, read before any rename. */
  let generated: string;
  const pulumi = (args: string[]) => env.cli.ok(args, { cwd: dir });

  /** Checks that the current stack decrypts its secrets and stores only ciphertext. */
  async function expectSecretsIntact(): Promise<void> {
    const shown = JSON.parse((await pulumi(["stack", "output", "--show-secrets", "--json"])).stdout) as Record<string, unknown>;
    expect(shown).toEqual({ password: secretValue, token: generated, plain: generated });

    const hidden = JSON.parse((await pulumi(["stack", "output", "--json"])).stdout) as Record<string, unknown>;
    expect(hidden.password).toBe("[secret]");
    expect(hidden.token).toBe("[secret]");

    const exportText = (await pulumi(["stack", "export"])).stdout;
    expect(exportText).not.toContain(secretValue);
    const outputs = stackOutputsOf(parseExport(exportText));
    for (const name of ["password", "token"]) {
      expect(outputs[name]).toMatchObject({
        "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
        ciphertext: expect.any(String),
      });
      expect(JSON.stringify(outputs[name])).not.toContain(generated);
    }

    expect((await pulumi(["config", "get", "password"])).stdout.trim()).toBe(secretValue);
  }

  beforeAll(async () => {
    env = await E2eEnvironment.open(target);
    dir = env.cli.writeProject("vault", program);
    await pulumi(["stack", "init", "acme/vault/dev", "--non-interactive"]);
    await pulumi(["config", "set", "--secret", "password", secretValue]);
    await pulumi(["up", "--yes", "--non-interactive"]);
    generated = String(stackOutputsOf(parseExport((await pulumi(["stack", "export"])).stdout)).plain);
  }, e2eTimeoutMs);

  afterAll(async () => {
    await env?.close();
  });

  test("secret config and outputs are encrypted at rest", async () => {
    expect(generated).toMatch(/^[A-Za-z0-9]{14}$/);
    const configFile = readFileSync(path.join(dir, "Pulumi.dev.yaml"), "utf8");
    expect(configFile).toContain("secure:");
    expect(configFile).not.toContain(secretValue);
    await expectSecretsIntact();
  }, e2eTimeoutMs);

  test("rename within the project", async () => {
    await pulumi(["stack", "rename", "acme/vault/renamed"]);
    await expectSecretsIntact();
    await pulumi(["preview", "--expect-no-changes", "--non-interactive"]);

    const urns = urnsOf(parseExport((await pulumi(["stack", "export"])).stdout));
    expect(urns).toContain("urn:pulumi:renamed::vault::pulumi:pulumi:Stack::vault-renamed");
    expect(urns).toContain("urn:pulumi:renamed::vault::random:index/randomString:RandomString::generated");
    expect(urns.filter((urn) => urn.includes(":dev::"))).toEqual([]);
  }, e2eTimeoutMs);

  test("rename to another project", async () => {
    await pulumi(["stack", "rename", "acme/moved/final"]);
    // The CLI needs Pulumi.yaml to name the new project, and the stack's config keys are namespaced by project.
    env.cli.writeProject("moved", program, "vault");
    const configPath = path.join(dir, "Pulumi.final.yaml");
    writeFileSync(configPath, readFileSync(configPath, "utf8").replaceAll("vault:password", "moved:password"));
    await pulumi(["stack", "select", "acme/moved/final"]);

    await expectSecretsIntact();
    await pulumi(["preview", "--expect-no-changes", "--non-interactive"]);

    const exported = parseExport((await pulumi(["stack", "export"])).stdout);
    const urns = urnsOf(exported);
    expect(urns).toContain("urn:pulumi:final::moved::pulumi:pulumi:Stack::moved-final");
    expect(urns).toContain("urn:pulumi:final::moved::random:index/randomString:RandomString::generated");
    expect(urns.filter((urn) => urn.includes("::vault::") || urn.includes(":renamed::"))).toEqual([]);
    expect(exported.deployment.secrets_providers?.state).toMatchObject({ owner: "acme", project: "moved", stack: "final" });

    // The renamed stack still updates: a real run finds nothing to change and keeps every secret readable.
    await pulumi(["up", "--yes", "--expect-no-changes", "--non-interactive"]);
    await expectSecretsIntact();

    const history = JSON.parse((await pulumi(["stack", "history", "--json"])).stdout) as { kind: string }[];
    expect(history.map((entry) => entry.kind)).toEqual(["update", "rename", "rename", "update"]);
  }, e2eTimeoutMs);

  // Versions stored before the renames name the old stack in their secrets provider, and the CLI sends
  // their decrypt calls there. The stack's key does not change, so they must still decrypt.
  test("versions from before the renames still decrypt", async () => {
    const firstVersion = await env.cli.run(["stack", "export", "--version", "1", "--show-secrets"], { cwd: dir });
    expect(firstVersion.stderr).toBe("");
    expect(firstVersion.code).toBe(0);
    const outputs = stackOutputsOf(parseExport(firstVersion.stdout));
    expect(JSON.stringify(outputs.password)).toContain(secretValue);

    const raw = (await pulumi(["stack", "export", "--version", "1"])).stdout;
    expect(raw).not.toContain(secretValue);
  }, e2eTimeoutMs);
});
