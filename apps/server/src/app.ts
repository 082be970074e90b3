import { Hono } from "hono";
import { cors } from "hono/cors";

import type { AppEnv, Services } from "./env.ts";
import { handleError } from "./http/errors.ts";
import { requestLog } from "./middleware/request-log.ts";
import { createApiRoutes } from "./routes/api.ts";
import { healthz } from "./routes/healthz.ts";
import { createStaticRoutes, defaultUiDir } from "./routes/static.ts";
import { createTrpcRoutes } from "./routes/trpc.ts";

/** Builds the one Hono app: /api for the CLI, /healthz, /trpc for the dashboard, and the SPA at every other path. */
export function createApp(services: Services): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use("*", async function servicesMiddleware(c, next) {
    c.set("services", services);
    return next();
  });
  app.use("*", requestLog());
  app.use(
    "/api/*",
    cors({
      origin: services.config.corsOrigins,
      allowHeaders: ["Authorization", "Content-Type", "Accept", "Content-Encoding"],
      exposeHeaders: ["X-Pulumi-Request-ID"],
    }),
  );
  app.onError(handleError);

  app.get("/healthz", healthz);
  app.route("/api", createApiRoutes());
  app.route("/trpc", createTrpcRoutes(services));
  app.route("/", createStaticRoutes({ root: services.config.uiDir ?? defaultUiDir }));
  return app;
}
