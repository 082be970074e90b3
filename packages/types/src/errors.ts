/**
 * Domain errors shared by every service. Each carries the HTTP status the CLI
 * expects; `toErrorResponse` turns one into Pulumi's `{code, message}` body.
 */
export type DomainErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "gone"
  | "payload_too_large"
  | "unprocessable"
  | "unsupported_media_type"
  | "not_acceptable"
  | "service_unavailable"
  | "not_implemented";

const statusByCode: Record<DomainErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  not_acceptable: 406,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  not_implemented: 501,
  service_unavailable: 503,
};

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly status: number;

  constructor(code: DomainErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.status = statusByCode[code];
  }
}

export class BadRequestError extends DomainError {
  constructor(message: string, options?: ErrorOptions) {
    super("bad_request", message, options);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(message = "Unauthorized: no valid access token was provided.", options?: ErrorOptions) {
    super("unauthorized", message, options);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string, options?: ErrorOptions) {
    super("forbidden", message, options);
  }
}

export class NotFoundError extends DomainError {
  constructor(message: string, options?: ErrorOptions) {
    super("not_found", message, options);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, options?: ErrorOptions) {
    super("conflict", message, options);
  }
}

export class PayloadTooLargeError extends DomainError {
  constructor(message: string, options?: ErrorOptions) {
    super("payload_too_large", message, options);
  }
}

export class UnprocessableError extends DomainError {
  constructor(message: string, options?: ErrorOptions) {
    super("unprocessable", message, options);
  }
}

export class UnsupportedMediaTypeError extends DomainError {
  constructor(message: string, options?: ErrorOptions) {
    super("unsupported_media_type", message, options);
  }
}

export class NotAcceptableError extends DomainError {
  constructor(message: string, options?: ErrorOptions) {
    super("not_acceptable", message, options);
  }
}

export class ServiceUnavailableError extends DomainError {
  constructor(message: string, options?: ErrorOptions) {
    super("service_unavailable", message, options);
  }
}

export class NotImplementedError extends DomainError {
  constructor(message: string, options?: ErrorOptions) {
    super("not_implemented", message, options);
  }
}

/** Pulumi's `apitype.ErrorResponse`; `code` repeats the HTTP status because the CLI branches on it. */
export interface ErrorResponseBody {
  code: number;
  message: string;
}

export function toErrorResponse(error: DomainError): ErrorResponseBody {
  return { code: error.status, message: error.message };
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}
