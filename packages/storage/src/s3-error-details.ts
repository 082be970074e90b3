/** Fields that S3 client errors carry besides name and message. */
interface S3ErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

function shape(error: unknown): S3ErrorShape {
  return typeof error === "object" && error !== null ? (error as S3ErrorShape) : {}; // every field is checked before use
}

/** HTTP status of a failed S3 call, or undefined for network errors. */
export function httpStatusOf(error: unknown): number | undefined {
  return shape(error).$metadata?.httpStatusCode;
}

/** S3 error code (`NoSuchKey`, `SlowDown`, ...) or Node error code (`ECONNREFUSED`). */
export function errorNameOf(error: unknown): string | undefined {
  const { name, code } = shape(error);
  if (typeof code === "string") {
    return code;
  }
  return typeof name === "string" ? name : undefined;
}

/**
 * One-line description of a failed S3 call for error messages and logs, e.g.
 * `SlowDown (HTTP 503) after 5 attempts: Please reduce your request rate.`.
 * It contains the error's code, status and message, never request data or credentials.
 */
export function describeS3Error(error: unknown): string {
  const details = shape(error);
  const parts: string[] = [];
  const name = errorNameOf(error);
  if (name !== undefined) {
    parts.push(name);
  }
  const status = details.$metadata?.httpStatusCode;
  if (status !== undefined) {
    parts.push(`(HTTP ${status})`);
  }
  const attempts = details.$metadata?.attempts;
  if (attempts !== undefined && attempts > 1) {
    parts.push(`after ${attempts} attempts`);
  }

  let summary = parts.join(" ");
  // HEAD responses have no body, so the SDK fills in "UnknownError" as the message.
  const message = typeof details.message === "string" ? details.message : "";
  if (message.length > 0 && message !== "UnknownError" && message !== name) {
    summary = summary.length > 0 ? `${summary}: ${message}` : message;
  }
  return summary.length > 0 ? summary : String(error);
}
