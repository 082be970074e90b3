import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { ZodError } from "zod";

import { type DomainError, type DomainErrorCode, isDomainError } from "@procella/types";

const trpcCodeByDomainCode: Record<DomainErrorCode, TRPC_ERROR_CODE_KEY> = {
  bad_request: "BAD_REQUEST",
  unauthorized: "UNAUTHORIZED",
  forbidden: "FORBIDDEN",
  not_found: "NOT_FOUND",
  conflict: "CONFLICT",
  gone: "NOT_FOUND",
  payload_too_large: "PAYLOAD_TOO_LARGE",
  unprocessable: "UNPROCESSABLE_CONTENT",
  unsupported_media_type: "UNSUPPORTED_MEDIA_TYPE",
  not_acceptable: "BAD_REQUEST",
  service_unavailable: "SERVICE_UNAVAILABLE",
  not_implemented: "NOT_IMPLEMENTED",
};

/** Maps a domain error to the tRPC error with the same meaning, keeping its message for the dashboard to show. */
export function toTrpcError(error: DomainError): TRPCError {
  return new TRPCError({ code: trpcCodeByDomainCode[error.code], message: error.message, cause: error });
}

/** Message shown to the dashboard for an error it may see; unexpected failures get a generic one. */
export function publicMessage(error: TRPCError): string {
  if (error.cause instanceof ZodError) {
    const details = error.cause.issues.map((issue) => {
      const field = issue.path.map(String).join(".");
      return field === "" ? issue.message : `${field}: ${issue.message}`;
    });
    return `Invalid input: ${details.join("; ")}`;
  }
  if (error.code === "INTERNAL_SERVER_ERROR" && !isDomainError(error.cause)) {
    return "Internal server error: the server failed to process the request. Its log has the details.";
  }
  return error.message;
}
