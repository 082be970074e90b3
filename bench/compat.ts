/**
 * `bun run bench:compat`: runs the everyday commands with the pinned CLI and
 * older 3.x releases against one server and prints a pass/fail table. Older
 * CLIs are built by `PULUMI_VERSION=<v> bash scripts/build-pulumi.sh`; a
 * version whose build is missing is reported as not built.
 */
import { existsSync } from "node:fs";
import path from "node:path";

import { PulumiCli } from "../e2e/harness/cli.ts";
import { pulumiBinDir, pulumiVersion } from "../e2e/harness/prerequisites.ts";
import { startServer, type TestServer } from "../e2e/harness/server.ts";

const olderVersions = (process.env.PROCELLA_COMPAT_VERSIONS ?? "3.260.0,3.229.0").split(",").map((v) => v.trim());

const program = `config:
  size: { type: integer, default: 8 }
resources:
  word:
    type: random:index/randomString:RandomString
    properties:
      length: \${size}
      special: false
  pet:
    type: random:index/randomPet:RandomPet
outputs:
  word: \${word.result}
  hidden:
    fn::secret: \${pet.id}
`;

type Step = [name: string, args: string[]];

function steps(stack: string, renamed: string): Step[] {
  return [
    ["stack init", ["stack", "init", stack, "--non-interactive"]],
    ["config set --secret", ["config", "set", "--secret", "token", "s3cr3t"]],
    ["up", ["up", "--yes", "--non-interactive"]],
    ["preview (no changes)", ["preview", "--expect-no-changes", "--non-interactive"]],
    ["refresh (no changes)", ["refresh", "--yes", "--expect-no-changes", "--non-interactive"]],
    ["config change + up", ["up", "--yes", "--non-interactive", "--config", "size=12"]],
    ["stack output --show-secrets", ["stack", "output", "--show-secrets"]],
    ["stack history", ["stack", "history"]],
    ["stack export", ["stack", "export", "--file", "state.json"]],
    ["stack import", ["stack", "import", "--file", "state.json"]],
    ["stack rename", ["stack", "rename", renamed]],
    ["preview after rename", ["preview", "--expect-no-changes", "--non-interactive", "--config", "size=12"]],
    ["destroy", ["destroy", "--yes", "--non-interactive"]],
    ["stack rm", ["stack", "rm", "--yes"]],
  ];
}

async function runVersion(server: TestServer, version: string): Promise<Record<string, string>> {
  const binDir = pulumiBinDir(version);
  if (!existsSync(path.join(binDir, "pulumi"))) {
    return { build: `not built; run PULUMI_VERSION=${version} bash scripts/build-pulumi.sh` };
  }
  const cli = new PulumiCli({ url: server.url, token: server.token, binDir });
  const results: Record<string, string> = {};
  try {
    await cli.installProvider();
    await cli.ok(["login", server.url, "--non-interactive"]);
    const slug = version.replaceAll(".", "-");
    const dir = cli.writeProject("compat", program);
    for (const [name, args] of steps(`acme/compat/v${slug}`, `acme/compat/r${slug}`)) {
      const result = await cli.run(args, { cwd: dir });
      results[name] = result.code === 0 ? "pass" : `FAIL: ${result.stderr.trim().split("\n").slice(-2).join(" ")}`;
    }
  } finally {
    cli.cleanup();
  }
  return results;
}

const server = await startServer();
try {
  const report: Record<string, Record<string, string>> = {};
  for (const version of [pulumiVersion, ...olderVersions]) {
    report[`v${version}`] = await runVersion(server, version);
  }
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  const failed = Object.values(report).some((steps) => Object.values(steps).some((value) => value !== "pass"));
  process.exitCode = failed ? 1 : 0;
} finally {
  await server.stop();
  server.cleanup();
}
