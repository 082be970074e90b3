import { afterAll, beforeAll, describe, expect, test } from "bun:test";

import { E2eEnvironment, e2eTimeoutMs } from "../harness/environment.ts";
import { pulumiAvailable } from "../harness/prerequisites.ts";
import { e2eTargets } from "../harness/targets.ts";

const producerProgram = `
config:
  region:
    type: string
resources:
  suffix:
    type: random:index/randomString:RandomString
    properties:
      length: 6
      special: false
outputs:
  endpoint: https://\${region}.example.test/\${suffix.result}
  apiKey:
    fn::secret: key-\${suffix.result}
`;

const consumerProgram = `
resources:
  producer:
    type: pulumi:pulumi:StackReference
    properties:
      name: acme/producer/prod
outputs:
  upstream: \${producer.outputs["endpoint"]}
  upstreamKey: \${producer.outputs["apiKey"]}
`;

describe.skipIf(!pulumiAvailable()).each(e2eTargets())("stack references on %s", (target) => {
  let env: E2eEnvironment;
  let producerDir: string;
  let consumerDir: string;
  const producer = (args: string[]) => env.cli.ok(args, { cwd: producerDir });
  const consumer = (args: string[]) => env.cli.ok(args, { cwd: consumerDir });
  const outputsOf = async (run: (args: string[]) => Promise<{ stdout: string }>) =>
    JSON.parse((await run(["stack", "output", "--show-secrets", "--json"])).stdout) as Record<string, string>;

  beforeAll(async () => {
    env = await E2eEnvironment.open(target);
    producerDir = env.cli.writeProject("producer", producerProgram);
    consumerDir = env.cli.writeProject("consumer", consumerProgram);
    await producer(["stack", "init", "acme/producer/prod", "--non-interactive"]);
    await producer(["config", "set", "region", "north"]);
    await producer(["up", "--yes", "--non-interactive"]);
    await consumer(["stack", "init", "acme/consumer/dev", "--non-interactive"]);
  }, e2eTimeoutMs);

  afterAll(async () => {
    await env?.close();
  });

  test("a stack of another project reads the outputs", async () => {
    await consumer(["up", "--yes", "--non-interactive"]);
    const upstream = await outputsOf(producer);
    expect(upstream.endpoint).toMatch(/^https:\/\/north\.example\.test\/[A-Za-z0-9]{6}$/);

    const seen = await outputsOf(consumer);
    expect(seen.upstream).toBe(upstream.endpoint);
    expect(seen.upstreamKey).toBe(upstream.apiKey);

    // A secret output stays secret on the reading side.
    const hidden = JSON.parse((await consumer(["stack", "output", "--json"])).stdout) as Record<string, string>;
    expect(hidden.upstreamKey).toBe("[secret]");
    await consumer(["preview", "--expect-no-changes", "--non-interactive"]);
  }, e2eTimeoutMs);

  test("a changed output reaches the reader on its next update", async () => {
    await producer(["config", "set", "region", "south"]);
    await producer(["up", "--yes", "--non-interactive"]);
    const upstream = await outputsOf(producer);
    expect(upstream.endpoint).toStartWith("https://south.example.test/");

    await consumer(["up", "--yes", "--non-interactive"]);
    expect((await outputsOf(consumer)).upstream).toBe(upstream.endpoint);
  }, e2eTimeoutMs);

  test("a reference to a missing stack fails the update", async () => {
    const missingDir = env.cli.writeProject("consumer", consumerProgram.replace("acme/producer/prod", "acme/producer/absent"), "missing");
    await env.cli.ok(["stack", "init", "acme/consumer/missing", "--non-interactive"], { cwd: missingDir });
    const result = await env.cli.run(["up", "--yes", "--non-interactive"], { cwd: missingDir });
    expect(result.code).not.toBe(0);
    expect(`${result.stdout}${result.stderr}`).toContain("acme/producer/absent");
  }, e2eTimeoutMs);
});
