import { TRPCClientError } from "@trpc/client";

/** Returns the tRPC error code of a failed call, such as NOT_FOUND, or undefined for a network failure. */
export function errorCode(error: unknown): string | undefined {
  if (error instanceof TRPCClientError) {
    const data = error.data as { code?: unknown } | undefined;
    return typeof data?.code === "string" ? data.code : undefined;
  }
  return undefined;
}

/** Returns the message to show for a failed call: the server's own message when it sent one. */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError) {
    if (error.data === undefined || error.data === null) {
      return `The server could not be reached: ${error.message}`;
    }
    return error.message;
  }
  if (error instanceof Error) {
    return error.message;
  }
  return String(error);
}

/** Errors worth retrying: network failures and 5xx responses, not a 4xx the next try would repeat. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) {
    return false;
  }
  const data = error.data as { httpStatus?: unknown } | undefined;
  return typeof data?.httpStatus !== "number" || data.httpStatus >= 500;
}
