import { UnprocessableError } from "@procella/types";

/**
 * Raised when journal entries cannot be replayed onto their base deployment: an entry
 * refers to a resource that does not exist, lacks the payload its kind requires, or the
 * result breaks a deployment invariant. Where the CLI's own replayer would panic on the
 * same input, this error is raised instead.
 */
export class JournalReplayError extends UnprocessableError {
  /** Sequence ID of the entry being applied, or undefined for errors found while building the result. */
  readonly sequenceID: number | undefined;

  constructor(message: string, options?: ErrorOptions & { sequenceID?: number }) {
    super(message, options);
    this.sequenceID = options?.sequenceID;
  }
}
