import path from "node:path";

import { afterAll, beforeAll, describe, expect, test } from "bun:test";

import { parseExport, resourcesOf } from "../harness/deployment.ts";
import { E2eEnvironment, e2eTimeoutMs } from "../harness/environment.ts";
import { pulumiAvailable } from "../harness/prerequisites.ts";
import { countRequests, directoryBytes } from "../harness/server-stats.ts";
import { e2eTargets } from "../harness/targets.ts";

/** Returns a program of `count` independent RandomStrings, each written out because Pulumi YAML has no loops. */
function randomStrings(count: number): string {
  const lines = ["resources:"];
  for (let index = 0; index < count; index++) {
    lines.push(`  s${index}:`, "    type: random:index/randomString:RandomString", "    properties:", "      length: 8", "      special: false");
  }
  return `${lines.join("\n")}\n`;
}

interface Measurement {
  requests: number;
  storedBytes: number;
}

const sizes = [250, 1000] as const;

describe.skipIf(!pulumiAvailable()).each(e2eTargets())("large stacks on %s", (target) => {
  let env: E2eEnvironment;
  const ups = new Map<number, Measurement>();
  const destroys = new Map<number, Measurement>();

  beforeAll(async () => {
    env = await E2eEnvironment.open(target);
  }, e2eTimeoutMs);

  afterAll(async () => {
    await env?.close();
  });

  /** Runs one CLI command and measures the requests it made and the blob bytes it added. */
  async function measure(dir: string, args: string[]): Promise<Measurement> {
    const blobs = path.join(env.server.dataDir, "blobs");
    const from = env.logLines.length;
    const bytesBefore = directoryBytes(blobs);
    await env.cli.ok(args, { cwd: dir });
    return { requests: countRequests(env.logLines, from).total, storedBytes: directoryBytes(blobs) - bytesBefore };
  }

  test.each(sizes)("%d resources go up and are destroyed", async (count) => {
    const dir = env.cli.writeProject("bulk", randomStrings(count), `bulk-${count}`);
    await env.cli.ok(["stack", "init", `acme/bulk/size-${count}`, "--non-interactive"], { cwd: dir });

    const up = await measure(dir, ["up", "--yes", "--skip-preview", "--non-interactive"]);
    const state = parseExport((await env.cli.ok(["stack", "export"], { cwd: dir })).stdout);
    // The root stack resource and the default provider come on top of the program's resources.
    expect(resourcesOf(state)).toHaveLength(count + 2);

    const destroy = await measure(dir, ["destroy", "--yes", "--skip-preview", "--non-interactive"]);
    expect(resourcesOf(parseExport((await env.cli.ok(["stack", "export"], { cwd: dir })).stdout))).toEqual([]);

    console.log(
      `${target}, ${count} resources: up ${up.requests} requests, ${up.storedBytes} stored bytes;`,
      `destroy ${destroy.requests} requests, ${destroy.storedBytes} stored bytes`,
    );
    ups.set(count, up);
    destroys.set(count, destroy);
  }, e2eTimeoutMs);

  // Four times the resources should cost about four times the requests and bytes. The bounds are loose
  // because the CLI batches journal entries by timing, but quadratic growth (16x) fails them.
  test("requests and stored bytes grow linearly", () => {
    const small = ups.get(sizes[0]);
    const large = ups.get(sizes[1]);
    const smallDestroy = destroys.get(sizes[0]);
    const largeDestroy = destroys.get(sizes[1]);
    if (!small || !large || !smallDestroy || !largeDestroy) {
      throw new Error("the measurements of the previous tests are missing");
    }
    const factor = sizes[1] / sizes[0];
    const ratios = {
      upRequests: large.requests / small.requests,
      upBytes: large.storedBytes / small.storedBytes,
      destroyRequests: largeDestroy.requests / smallDestroy.requests,
    };
    console.log(`${target}: growth for ${factor}x the resources`, ratios);

    expect(ratios.upRequests).toBeLessThan(factor * 2);
    expect(ratios.upBytes).toBeGreaterThan(factor / 2);
    expect(ratios.upBytes).toBeLessThan(factor * 2);
    expect(ratios.destroyRequests).toBeLessThan(factor * 2);
    // An empty state after destroy costs about the same, whatever the stack held before.
    expect(largeDestroy.storedBytes).toBeLessThan(smallDestroy.storedBytes * 2 + 1024);
  });
});
