/**
 * `bun run bench`: speed and storage benchmarks against a real server
 * process on PGlite (or PostgreSQL when PROCELLA_BENCH_DATABASE_URL is set),
 * with the real Pulumi CLI. Prints one JSON document with every result.
 * Sizes can be lowered for a quick run: PROCELLA_BENCH_RESOURCES,
 * PROCELLA_BENCH_RUNS, PROCELLA_BENCH_CONCURRENCY, PROCELLA_BENCH_BATCHES.
 */
import os from "node:os";

import { pulumiAvailable } from "../e2e/harness/prerequisites.ts";
import { startServer } from "../e2e/harness/server.ts";
import { benchmarkCliSpeed } from "./cli-speed.ts";
import { benchmarkProtocolLatency } from "./protocol-latency.ts";
import { benchmarkStoredBytes } from "./stored-bytes.ts";

const numberFromEnv = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};

if (!pulumiAvailable()) {
  process.exit(1);
}

const resources = numberFromEnv("PROCELLA_BENCH_RESOURCES", 500);
const runs = numberFromEnv("PROCELLA_BENCH_RUNS", 2);
const concurrency = numberFromEnv("PROCELLA_BENCH_CONCURRENCY", 20);
const batches = numberFromEnv("PROCELLA_BENCH_BATCHES", 50);

const server = await startServer({ databaseUrl: process.env.PROCELLA_BENCH_DATABASE_URL, env: { PROCELLA_LOG_LEVEL: "info" } });
try {
  const results = {
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? "unknown", memoryGiB: Math.round(os.totalmem() / 2 ** 30) },
    database: process.env.PROCELLA_BENCH_DATABASE_URL ? "postgres" : "pglite",
    cliSpeed: await benchmarkCliSpeed(server, resources, runs),
    protocolLatency: await benchmarkProtocolLatency(server, concurrency, batches),
    storedBytes: await benchmarkStoredBytes(server, resources),
  };
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
} finally {
  await server.stop();
  server.cleanup();
}
