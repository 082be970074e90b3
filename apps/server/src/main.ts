import { ConfigError, loadConfig } from "@procella/config";
import { InvalidMasterKeyError } from "@procella/crypto";
import { JsonLogger } from "@procella/types";

import { createApp } from "./app.ts";
import { bootstrap } from "./bootstrap.ts";
import { GracefulShutdown } from "./shutdown.ts";

function loginHost(hostname: string): string {
  return hostname === "0.0.0.0" || hostname === "::" ? "localhost" : hostname;
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`procella: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  const logger = new JsonLogger({ level: config.logLevel }).child({ service: "procella" });
  let started;
  try {
    started = await bootstrap(config, logger);
  } catch (error) {
    if (error instanceof InvalidMasterKeyError) {
      process.stderr.write(`procella: invalid configuration:\n  PROCELLA_ENCRYPTION_KEY: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const { services, devToken, gcWorker } = started;
  const app = createApp(services);

  const server = Bun.serve({
    hostname: config.listen.hostname,
    port: config.listen.port,
    fetch: app.fetch,
    // The app enforces PROCELLA_MAX_BODY_BYTES while streaming, with Pulumi's error body and a log line;
    // Bun's own cap would reject first with a bare 413, so it is lifted.
    maxRequestBodySize: Number.MAX_SAFE_INTEGER,
    idleTimeout: 120,
  });

  const url = `http://${loginHost(config.listen.hostname)}:${server.port}`;
  logger.info("server started", {
    url,
    database: services.database.kind,
    blobStorage: config.blob.backend,
    authMode: config.auth.mode,
  });
  gcWorker.start();
  if (devToken) {
    process.stdout.write(`\nLog in with:\n  PULUMI_ACCESS_TOKEN=${devToken} pulumi login ${url}\n\n`);
  }

  const shutdown = new GracefulShutdown({
    server,
    database: services.database,
    logger,
    timeoutMs: config.shutdownTimeoutSeconds * 1000,
  });
  shutdown.addStopHook("gc worker", () => gcWorker.stop());
  shutdown.listen();
}

await main();
