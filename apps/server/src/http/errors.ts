import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";

import { type DomainError, isDomainError, toErrorResponse } from "@procella/types";

import type { AppEnv } from "../env.ts";

/**
 * The single error handler. Domain errors become Pulumi's `{code, message}`
 * with `code` equal to the HTTP status, because the CLI branches on it.
 * Hono's exceptions are mapped by status. Anything else is a 500 whose
 * details go only to the log. The request log line records the error, so nothing is
 * logged here except unexpected failures.
 */
export function handleError(error: Error, c: Context<AppEnv>): Response {
  c.header("X-Pulumi-Request-ID", c.get("requestId"));

  if (isDomainError(error)) {
    return respondWithDomainError(c, error);
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    const message = error.message || statusMessage(status);
    return c.json({ code: status, message }, status);
  }

  // The request log line reports it; query parameters (state, secrets' ciphertext) are cut from the message.
  c.set("failure", describeFailure(error));
  return c.json({ code: 500, message: "Internal Server Error: the server failed to process the request." }, 500);
}

/** Error name, message and stack for the log, without the parameter list database errors append. */
export function describeFailure(error: unknown): Record<string, unknown> {
  const describe = (value: unknown): Record<string, unknown> | undefined => {
    if (!(value instanceof Error)) {
      return value === undefined ? undefined : { message: String(value).slice(0, 200) };
    }
    const message = value.message.split(/\nparams:/)[0]?.slice(0, 1000) ?? "";
    const stack = value.stack?.split("\n").filter((line) => line.trimStart().startsWith("at ")).slice(0, 8).join("\n");
    return { name: value.name, message, stack, cause: describe(value.cause) };
  };
  return describe(error) ?? {};
}

function respondWithDomainError(c: Context<AppEnv>, error: DomainError): Response {
  return c.json(toErrorResponse(error), error.status as 400);
}

function statusMessage(status: number): string {
  switch (status) {
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 404:
      return "Not Found";
    case 413:
      return "Request body too large";
    default:
      return `HTTP ${status}`;
  }
}
