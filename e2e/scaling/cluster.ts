import { randomBytes, randomUUID } from "node:crypto";

import { SQL } from "bun";

import { pulumiAvailable } from "../harness/prerequisites.ts";
import { startServer, type TestServer } from "../harness/server.ts";
import { startCaddy, type TestCaddy } from "./caddy.ts";

/**
 * Several server processes on one PostgreSQL database and one S3 bucket
 * prefix, behind a real Caddy running the repository's Caddyfile.
 * This file configures tests, so it reads the test environment directly:
 * PROCELLA_TEST_DATABASE_URL and the variables that scripts/s3-test-server.sh prints.
 */
export interface Cluster {
  servers: TestServer[];
  caddy: TestCaddy;
  /** URL of the cluster's scratch database. */
  databaseUrl: string;
  stop(): Promise<void>;
}

interface Requirement {
  missing: boolean;
  fix: string;
}

/**
 * Reports whether the tools the scaling suite needs are present. Outside CI
 * a missing tool skips the suite with one line naming the fix. With CI=true
 * it fails the run.
 */
export function scalingPrerequisitesMet(): boolean {
  const requirements: Requirement[] = [
    { missing: Bun.which("caddy") === null, fix: "install Caddy (apt-get install caddy)" },
    {
      missing: !process.env.PROCELLA_TEST_DATABASE_URL,
      fix: "set PROCELLA_TEST_DATABASE_URL to a PostgreSQL server URL",
    },
    {
      missing: !process.env.PROCELLA_TEST_S3_ENDPOINT || !process.env.AWS_ACCESS_KEY_ID,
      fix: 'start MinIO with: eval "$(bash scripts/s3-test-server.sh start 9100)"',
    },
  ];
  const fixes = requirements.filter((requirement) => requirement.missing).map((requirement) => requirement.fix);
  if (fixes.length > 0) {
    const message = `scaling suite needs: ${fixes.join("; ")}`;
    if (process.env.CI === "true") {
      throw new Error(message);
    }
    process.stderr.write(`SKIP ${message}\n`);
    return false;
  }
  return pulumiAvailable();
}

/** Creates an empty database on the test server, so the cluster's replicas run every migration themselves. */
async function createEmptyDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = process.env.PROCELLA_TEST_DATABASE_URL ?? "";
  const name = `procella_scaling_${randomUUID().replaceAll("-", "")}`;
  const admin = new SQL({ url: adminUrl, max: 1 });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.close();
    },
  };
}

/** Server settings every replica shares: database, bucket prefix, master key, and a 1 s GC interval. */
function sharedServerEnv(databaseUrl: string): Record<string, string> {
  return {
    PROCELLA_DATABASE_URL: databaseUrl,
    PROCELLA_BLOB_BACKEND: "s3",
    PROCELLA_S3_BUCKET: process.env.PROCELLA_TEST_S3_BUCKET ?? "procella-test",
    PROCELLA_S3_PREFIX: `scaling-${randomUUID()}/`,
    PROCELLA_S3_ENDPOINT: process.env.PROCELLA_TEST_S3_ENDPOINT ?? "",
    PROCELLA_S3_REGION: process.env.PROCELLA_TEST_S3_REGION ?? "us-east-1",
    PROCELLA_S3_FORCE_PATH_STYLE: "true",
    AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? "",
    AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? "",
    // The credentials above come first in the SDK's chain, and this keeps it off instance metadata regardless.
    AWS_EC2_METADATA_DISABLED: "true",
    PROCELLA_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    PROCELLA_GC_INTERVAL_SECONDS: "1",
    // "gc skipped" lines are debug level.
    PROCELLA_LOG_LEVEL: "debug",
  };
}

/** Starts `size` replicas at the same moment on a new empty database, then Caddy in front of them. */
export async function startCluster(size: number): Promise<Cluster> {
  const database = await createEmptyDatabase();
  const env = sharedServerEnv(database.url);
  const results = await Promise.allSettled(Array.from({ length: size }, () => startServer({ env })));
  const servers = results.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  const failure = results.find((result) => result.status === "rejected");
  if (failure) {
    await stopServers(servers);
    await database.drop();
    throw failure.reason;
  }

  let caddy: TestCaddy;
  try {
    caddy = await startCaddy(servers.map((server) => `127.0.0.1:${server.port}`));
  } catch (error) {
    await stopServers(servers);
    await database.drop();
    throw error;
  }

  return {
    servers,
    caddy,
    databaseUrl: database.url,
    async stop() {
      await caddy.stop();
      await stopServers(servers);
      await database.drop();
    },
  };
}

async function stopServers(servers: TestServer[]): Promise<void> {
  await Promise.all(
    servers.map(async (server) => {
      if (server.process.exitCode === null && server.process.signalCode === null) {
        await server.stop();
      }
      server.cleanup();
    }),
  );
}
