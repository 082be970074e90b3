import { useState } from "react";

import { verifyToken } from "../session/verify-token.ts";
import { InlineError } from "./ErrorState.tsx";

/** Asks for an access token and checks it with the server before handing it on. */
export function TokenForm({ submitLabel, onVerified }: { submitLabel: string; onVerified: (token: string) => void }) {
  const [token, setToken] = useState("");
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<unknown>();

  return (
    <form
      className="stack-form"
      onSubmit={async (event) => {
        event.preventDefault();
        const trimmed = token.trim();
        if (trimmed === "") {
          return;
        }
        setChecking(true);
        setError(undefined);
        try {
          await verifyToken(trimmed);
          onVerified(trimmed);
        } catch (caught) {
          setError(caught);
        } finally {
          setChecking(false);
        }
      }}
    >
      <label htmlFor="access-token">Access token</label>
      <input
        id="access-token"
        name="access-token"
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={token}
        onChange={(event) => setToken(event.target.value)}
        placeholder="pul-…"
        required
      />
      <button type="submit" className="button primary" disabled={checking}>
        {checking ? "Checking…" : submitLabel}
      </button>
      <InlineError error={error} />
    </form>
  );
}
