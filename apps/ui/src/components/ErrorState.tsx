import { errorCode, errorMessage } from "../api/errors.ts";

const titles: Record<string, string> = {
  NOT_FOUND: "Not found",
  FORBIDDEN: "Not allowed",
  UNAUTHORIZED: "Signed out",
  BAD_REQUEST: "Invalid request",
};

/** Renders a failed request: a title by error kind, the server's own message, and a retry button when retrying can help. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const code = errorCode(error);
  const title = (code && titles[code]) ?? "Something went wrong";
  const canRetry = onRetry && code !== "NOT_FOUND" && code !== "FORBIDDEN" && code !== "BAD_REQUEST";
  return (
    <div className="error-state" role="alert">
      <h2>{title}</h2>
      <p className="error-message">{errorMessage(error)}</p>
      {canRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

/** Renders an inline error under a form or button. */
export function InlineError({ error }: { error: unknown }) {
  if (!error) {
    return null;
  }
  return (
    <p className="inline-error" role="alert">
      {errorMessage(error)}
    </p>
  );
}
