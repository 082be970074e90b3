import { ConfigError, loadConfig } from "@procella/config";
import { JsonLogger } from "@procella/types";

import { createApp } from "./app.ts";
import { bootstrap } from "./bootstrap.ts";

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
  const { services, devToken } = await bootstrap(config, logger);
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
  if (devToken) {
    process.stdout.write(`\nLog in with:\n  PULUMI_ACCESS_TOKEN=${devToken} pulumi login ${url}\n\n`);
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      return;
    }
    stopping = true;
    logger.info("shutting down", { signal });
    const timeout = setTimeout(() => {
      logger.error("shutdown timed out; exiting with requests still open");
      process.exit(1);
    }, config.shutdownTimeoutSeconds * 1000);
    await server.stop(false);
    await services.database.close();
    clearTimeout(timeout);
    logger.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

await main();
