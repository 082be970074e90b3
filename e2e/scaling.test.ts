import { readFileSync } from "node:fs";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { SQL } from "bun";

import { advisoryLocks, migrationsFolder } from "@procella/db";

import { loadConfig } from "../packages/config/src/index.ts";

import { PulumiCli } from "./harness/cli.ts";
import type { TestServer } from "./harness/server.ts";
import { type Cluster, scalingPrerequisitesMet, startCluster } from "./scaling/cluster.ts";
import { apiRequests, logMarks, logRecords, waitForLog } from "./scaling/logs.ts";

/**
 * Three server processes on one PostgreSQL database and one S3 bucket,
 * behind a real Caddy running the repository's Caddyfile. The real Pulumi CLI
 * talks only to Caddy. The tests run in order and share the cluster, so the
 * test that kills a replica comes second to last.
 */

const replicaCount = 3;
// Starting the cluster and each CLI command take seconds, and a whole update takes up to a minute.
const stepTimeoutMs = 300_000;

const appProgram = `resources:
  pet:
    type: random:RandomPet
    properties: { length: 2 }
  suffix:
    type: random:index/randomString:RandomString
    properties: { length: 8, special: false }
  nap:
    type: random:index/sleep:Sleep
    properties: { createSeconds: 1 }
outputs:
  name: \${pet.id}-\${suffix.result}
`;

const chainLength = 8;

/** Builds a program of Sleep resources that run one after another, so its update lasts about `chainLength` seconds. */
function chainProgram(): string {
  const lines = ["resources:"];
  for (let index = 0; index < chainLength; index++) {
    lines.push(`  nap${index}:`, "    type: random:index/sleep:Sleep", "    properties: { createSeconds: 1 }");
    if (index > 0) {
      lines.push(`    options: { dependsOn: ["\${nap${index - 1}}"] }`);
    }
  }
  return `${lines.join("\n")}\n`;
}

function migrationCount(): number {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

function live(servers: TestServer[]): TestServer[] {
  return servers.filter((server) => server.process.exitCode === null && server.process.signalCode === null);
}

describe.skipIf(!scalingPrerequisitesMet())("three replicas behind Caddy", () => {
  let cluster: Cluster;
  let cli: PulumiCli;
  let appDir: string;
  const cliOptions = () => ({ cwd: appDir });

  beforeAll(async () => {
    cluster = await startCluster(replicaCount);
    cli = new PulumiCli({ url: cluster.caddy.url, token: cluster.servers[0]?.token ?? "" });
    await cli.installProvider();
    appDir = cli.writeProject("scale", appProgram);
  }, stepTimeoutMs);

  afterAll(async () => {
    await cluster?.stop();
    cli?.cleanup();
  }, stepTimeoutMs);

  test("concurrent start migrates once", async () => {
    expect(cluster.servers).toHaveLength(replicaCount);
    for (const server of cluster.servers) {
      const started = logRecords(server).find((record) => record.msg === "server started");
      expect(started?.database).toBe("postgres");
      expect(started?.blobStorage).toBe("s3");
    }

    const sql = new SQL({ url: cluster.databaseUrl, max: 1 });
    try {
      const rows = await sql`select count(*)::int as applied, count(distinct hash)::int as distinct_hashes
        from drizzle.__drizzle_migrations`;
      expect(rows[0]?.applied).toBe(migrationCount());
      expect(rows[0]?.distinct_hashes).toBe(migrationCount());
    } finally {
      await sql.close();
    }
  });

  test("login and stack commands spread across replicas", async () => {
    const marks = logMarks(cluster.servers);

    await cli.ok(["login", cluster.caddy.url, "--non-interactive"]);
    const whoami = await cli.ok(["whoami", "-v"]);
    expect(whoami.stdout).toContain(`Backend URL: ${cluster.caddy.url}`);
    await cli.ok(["stack", "init", "acme/scale/dev", "--non-interactive"], cliOptions());
    await cli.ok(["stack", "init", "acme/scale/prod", "--non-interactive"], cliOptions());
    const list = await cli.ok(["stack", "ls", "--all"], cliOptions());
    expect(list.stdout).toContain("dev");
    expect(list.stdout).toContain("prod");

    cluster.servers.forEach((server, index) => {
      expect(apiRequests(server, marks[index]).length).toBeGreaterThan(0);
    });
  }, stepTimeoutMs);

  test("up, preview and refresh spread across replicas", async () => {
    const commands: Array<{ args: string[]; expected: string }> = [
      { args: ["up", "--yes", "--non-interactive", "--skip-preview", "-s", "acme/scale/dev"], expected: "4 created" },
      { args: ["preview", "--non-interactive", "-s", "acme/scale/dev"], expected: "4 unchanged" },
      { args: ["refresh", "--yes", "--non-interactive", "--skip-preview", "-s", "acme/scale/dev"], expected: "4 unchanged" },
    ];
    for (const command of commands) {
      const marks = logMarks(cluster.servers);
      const result = await cli.ok(command.args, cliOptions());
      expect(result.stdout).toContain(command.expected);
      cluster.servers.forEach((server, index) => {
        expect(apiRequests(server, marks[index]).length).toBeGreaterThan(0);
      });
    }

    const output = await cli.ok(["stack", "output", "name", "-s", "acme/scale/dev"], cliOptions());
    expect(output.stdout.trim()).toMatch(/^[a-z]+-[a-z]+-[A-Za-z0-9]{8}$/);
  }, stepTimeoutMs);

  test("streamed oversized body stops at Caddy", async () => {
    const limit = loadConfig({}).maxBodyBytes;
    const chunk = new Uint8Array(1024 * 1024).fill(0x20);
    const chunkCount = Math.ceil(limit / chunk.byteLength) + 1;
    let sent = 0;
    // No Content-Length, so only the byte count can reveal the size.
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === chunkCount) {
          controller.close();
          return;
        }
        sent++;
        controller.enqueue(chunk);
      },
    });

    const response = await fetch(`${cluster.caddy.url}/api/stacks/acme/scale`, {
      method: "POST",
      body,
      headers: { Authorization: `token ${cli.token}`, Accept: "application/vnd.pulumi+9", "Content-Type": "application/json" },
    });
    await response.arrayBuffer();

    expect(response.status).toBe(413);
    // Every response of the server carries a request id, so this one came from Caddy.
    expect(response.headers.get("X-Pulumi-Request-ID")).toBeNull();

    // The cut-off upload must not take the replica that received it out of rotation.
    const marks = logMarks(cluster.servers);
    for (let attempt = 0; attempt < 2 * replicaCount; attempt++) {
      const user = await fetch(`${cluster.caddy.url}/api/user`, {
        headers: { Authorization: `token ${cli.token}`, Accept: "application/vnd.pulumi+9" },
      });
      expect(user.status).toBe(200);
      await user.arrayBuffer();
    }
    cluster.servers.forEach((server, index) => {
      expect(apiRequests(server, marks[index]).some((record) => record.route === "getCurrentUser")).toBe(true);
    });
  }, stepTimeoutMs);

  test("declared oversized body rejected by replica", async () => {
    const marks = logMarks(cluster.servers);
    const oversized = new Uint8Array(loadConfig({}).maxBodyBytes + 1).fill(0x20);

    const response = await fetch(`${cluster.caddy.url}/api/stacks/acme/scale`, {
      method: "POST",
      body: oversized,
      headers: { Authorization: `token ${cli.token}`, Accept: "application/vnd.pulumi+9", "Content-Type": "application/json" },
    });
    await response.arrayBuffer();

    expect(response.status).toBe(413);
    const requestId = response.headers.get("X-Pulumi-Request-ID");
    expect(requestId).not.toBeNull();
    const logged = cluster.servers.flatMap((server, index) =>
      apiRequests(server, marks[index]).filter((record) => record.requestId === requestId),
    );
    expect(logged).toHaveLength(1);
    expect(logged[0]?.route).toBe("createStack");
    expect(logged[0]?.status).toBe(413);
  }, stepTimeoutMs);

  test("GC runs only under the shared advisory lock", async () => {
    const servers = live(cluster.servers);
    // One connection, so the session-level lock and its unlock share a session.
    const holder = new SQL({ url: cluster.databaseUrl, max: 1 });
    const lockId = advisoryLocks.updatesGc.toString();
    try {
      await holder`select pg_advisory_lock(${lockId}::bigint)`;
      const lockedMarks = logMarks(servers);

      // A run that took the lock before the test did may still log "gc run".
      // A replica's runs never overlap, so after its first skip it ran nothing.
      const firstSkips: number[] = [];
      for (const [index, server] of servers.entries()) {
        await waitForLog(
          server,
          lockedMarks[index] ?? 0,
          (records) => records.some((record) => record.msg.startsWith("gc skipped")),
          '"gc skipped" while the test holds the GC lock',
        );
        const records = logRecords(server, lockedMarks[index]);
        firstSkips.push(records.findIndex((record) => record.msg.startsWith("gc skipped")));
      }
      // Every replica skips at least once more, then the lock is released.
      const secondMarks = logMarks(servers);
      for (const [index, server] of servers.entries()) {
        await waitForLog(
          server,
          secondMarks[index] ?? 0,
          (records) => records.some((record) => record.msg.startsWith("gc skipped")),
          "a second GC skip",
        );
      }
      for (const [index, server] of servers.entries()) {
        const afterSkip = logRecords(server, lockedMarks[index]).slice(firstSkips[index]);
        expect(afterSkip.filter((record) => record.msg === "gc run")).toEqual([]);
      }

      const unlockedMarks = logMarks(servers);
      await holder`select pg_advisory_unlock(${lockId}::bigint)`;
      await Promise.any(
        servers.map((server, index) =>
          waitForLog(server, unlockedMarks[index] ?? 0, (records) => records.some((r) => r.msg === "gc run"), '"gc run"'),
        ),
      );
    } finally {
      await holder.close();
    }
  }, stepTimeoutMs);

  test("update survives a killed replica", async () => {
    const chainDir = cli.writeProject("chain", chainProgram());
    await cli.ok(["stack", "init", "acme/chain/kill", "--non-interactive"], { cwd: chainDir });
    const [first, victim, third] = cluster.servers;
    if (!first || !victim || !third) {
      throw new Error(`expected ${replicaCount} replicas`);
    }
    const marks = logMarks(cluster.servers);

    const update = cli.spawn(["up", "--yes", "--non-interactive", "--skip-preview", "-s", "acme/chain/kill"], {
      cwd: chainDir,
    });
    const stdout = new Response(update.stdout).text();
    const stderr = new Response(update.stderr).text();

    // Kill the victim once it has served part of this update's execution phase.
    const executionRoutes = new Set(["patchJournalEntries", "patchCheckpoint", "patchCheckpointVerbatim", "postEventBatch"]);
    await waitForLog(
      victim,
      marks[1] ?? 0,
      (records) => records.some((record) => executionRoutes.has(record.route ?? "")),
      "an execution-phase request of the update",
    );
    expect(update.exitCode).toBeNull();
    await victim.kill();
    const afterKill = logMarks(cluster.servers);

    const guard = setTimeout(() => update.kill("SIGKILL"), 240_000);
    const exitCode = await update.exited;
    clearTimeout(guard);
    const output = await stdout;
    if (exitCode !== 0) {
      throw new Error(`pulumi up exited ${exitCode}\nstdout:\n${output}\nstderr:\n${await stderr}`);
    }
    expect(output).toContain(`${chainLength + 1} created`);

    for (const survivor of [first, third]) {
      const index = cluster.servers.indexOf(survivor);
      const requests = apiRequests(survivor, afterKill[index]);
      expect(requests.some((record) => record.route === "completeUpdate" || executionRoutes.has(record.route ?? ""))).toBe(
        true,
      );
    }

    const exported = await cli.ok(["stack", "export", "-s", "acme/chain/kill"], { cwd: chainDir });
    const deployment = JSON.parse(exported.stdout) as { deployment: { resources: Array<{ urn: string }> } };
    const urns = deployment.deployment.resources.map((resource) => resource.urn);
    for (let index = 0; index < chainLength; index++) {
      expect(urns.some((urn) => urn.endsWith(`::nap${index}`))).toBe(true);
    }
  }, stepTimeoutMs);

  test("destroy after losing a replica", async () => {
    const result = await cli.ok(["destroy", "--yes", "--non-interactive", "--skip-preview", "-s", "acme/scale/dev"], cliOptions());
    expect(result.stdout).toContain("4 deleted");
    const exported = await cli.ok(["stack", "export", "-s", "acme/scale/dev"], cliOptions());
    const deployment = JSON.parse(exported.stdout) as { deployment: { resources?: unknown[] } };
    expect(deployment.deployment.resources ?? []).toEqual([]);
  }, stepTimeoutMs);
});
