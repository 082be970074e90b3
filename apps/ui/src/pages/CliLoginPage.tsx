import { useMutation, useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";

import { useTRPC } from "../api/trpc.ts";
import { InlineError } from "../components/ErrorState.tsx";
import { TokenForm } from "../components/TokenForm.tsx";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";
import { cliCallbackUrl, type CliLoginRequest, parseCliLogin } from "../lib/cli-login.ts";

/**
 * Renders the page `pulumi login` opens. The signed-in user authorizes the CLI: a
 * new access token named after the CLI's description is created and handed
 * to the CLI's loopback listener together with its nonce. An existing token
 * can be pasted instead.
 */
export function CliLoginPage() {
  useDocumentTitle("Log in the Pulumi CLI");
  const [searchParams] = useSearchParams();
  const parsed = useMemo(() => parseCliLogin(searchParams), [searchParams]);

  return (
    <div className="narrow">
      <div className="card cli-login">
        <h1>Log in the Pulumi CLI</h1>
        {parsed.ok ? (
          <AuthorizeCli request={parsed.request} />
        ) : (
          <div className="error-state" role="alert">
            <h2>This login link is not from the Pulumi CLI</h2>
            <p className="error-message">{parsed.problem}</p>
            <p>
              Run <span className="mono">pulumi login {window.location.origin}</span> again and use the link it opens.
            </p>
          </div>
        )}
      </div>
    </div>
  );
}

function AuthorizeCli({ request }: { request: CliLoginRequest }) {
  const trpc = useTRPC();
  const me = useQuery(trpc.session.me.queryOptions());
  const [name, setName] = useState(request.description);
  const [redirecting, setRedirecting] = useState(false);
  const sendToCli = (token: string) => {
    setRedirecting(true);
    window.location.assign(cliCallbackUrl(request, token));
  };
  const create = useMutation(trpc.tokens.create.mutationOptions({ onSuccess: (result) => sendToCli(result.token) }));

  if (redirecting) {
    return (
      <p role="status">
        Handing the token to the CLI on port {request.port}… Return to your terminal once this page changes.
      </p>
    );
  }
  return (
    <>
      <p>
        A Pulumi CLI on this computer{request.command ? ` (running ${request.command})` : ""} asks to act as{" "}
        <strong>{me.data?.login ?? "you"}</strong>. Authorize it only if you just ran <span className="mono">pulumi login</span>.
      </p>
      <form
        className="stack-form"
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate({ name });
        }}
      >
        <label htmlFor="cli-token-name">Name of the new token</label>
        <input id="cli-token-name" value={name} onChange={(event) => setName(event.target.value)} maxLength={200} required />
        <div className="button-row">
          <button type="submit" className="button primary" disabled={create.isPending}>
            {create.isPending ? "Creating token…" : "Authorize the CLI"}
          </button>
          <Link to="/" className="button ghost">
            Cancel
          </Link>
        </div>
        <InlineError error={create.error} />
      </form>
      <details className="alternative">
        <summary>Use an existing access token instead</summary>
        <TokenForm submitLabel="Send this token to the CLI" onVerified={sendToCli} />
      </details>
    </>
  );
}
