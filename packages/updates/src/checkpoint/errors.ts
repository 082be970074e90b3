import { BadRequestError, UnprocessableError } from "@procella/types";

/**
 * Raised when a checkpoint delta is malformed or does not fit the previous checkpoint
 * text. The CLI handles any failed delta upload by resending the full checkpoint with the
 * same sequence number, and a 4xx status lets it do so without retrying the delta first.
 */
export class InvalidDeltaError extends UnprocessableError {
  /** Position of the offending edit in the delta, or undefined when the delta as a whole is wrong. */
  readonly editIndex: number | undefined;

  constructor(message: string, options?: ErrorOptions & { editIndex?: number }) {
    super(message, options);
    this.editIndex = options?.editIndex;
  }
}

/** Raised when the text a delta produces does not have the SHA-256 hash the CLI sent with it. */
export class CheckpointHashMismatchError extends UnprocessableError {}

/** Raised when a request body is not valid JSON or its top level is ambiguous. */
export class InvalidJsonError extends BadRequestError {
  /** Byte offset in the body at which the problem was found. */
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}
