import { ConfigError, loadConfig } from "@procella/config";
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
  const { services, devToken, gcWorker } = await bootstrap(config, logger);
  const app = createApp(services);

  const server = Bun.serve({
    hostname: config.listen.hostname,
    port: config.listen.port,
    fetch: app.fetch,
    // Updates of large stacks send big checkpoints over slow links; Bun's own cap is raised to ours.
    maxRequestBodySize: config.maxBodyBytes + 1024 * 1024,
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
