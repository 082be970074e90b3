import type { MiddlewareHandler } from "hono";

import type { AppEnv } from "../env.ts";

/**
 * Sets the request id and per-request logger, then writes one line per
 * request: method, endpoint name, status, duration and request id. Errors
 * handled by `onError` show up in `c.error`, because `next()` does not throw
 * when an error handler is set. Never logs headers or bodies.
 */
export function requestLog(): MiddlewareHandler<AppEnv> {
  return async function requestLogMiddleware(c, next) {
    const started = performance.now();
    const requestId = crypto.randomUUID();
    const logger = c.get("services").logger.child({ requestId });
    c.set("requestId", requestId);
    c.set("logger", logger);

    await next();

    c.header("X-Pulumi-Request-ID", requestId);
    const status = c.res.status;
    const fields: Record<string, unknown> = {
      method: c.req.method,
      route: c.get("endpoint") ?? routeLabel(c.req.routePath),
      status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    };
    const caller = c.get("caller");
    if (caller) {
      fields.user = caller.login;
    }
    if (c.error && status < 500) {
      fields.error = c.error.message;
    }
    if (status >= 500) {
      const failure = c.get("failure");
      if (failure) {
        fields.error = failure;
      }
      logger.error("request failed", fields);
    } else if (status >= 400) {
      logger.warn("request rejected", fields);
    } else {
      logger.info("request", fields);
    }
  };
}

function routeLabel(routePath: string): string {
  return routePath === "/*" || routePath === "*" ? "static" : routePath;
}
