import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { useTRPC } from "../api/trpc.ts";
import { EmptyState } from "../components/EmptyState.tsx";
import { ErrorState, InlineError } from "../components/ErrorState.tsx";
import { PageHeader } from "../components/PageHeader.tsx";
import { SkeletonRows } from "../components/Skeleton.tsx";
import { TimeAgo } from "../components/TimeAgo.tsx";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";
import { CreatedToken } from "./tokens/CreatedToken.tsx";
import { RevokeToken } from "./tokens/RevokeToken.tsx";

const expiryChoices = [
  { label: "Never", days: null },
  { label: "7 days", days: 7 },
  { label: "30 days", days: 30 },
  { label: "90 days", days: 90 },
  { label: "1 year", days: 365 },
] as const;

/** Lists, creates and revokes the user's personal access tokens for the CLI and automation. */
export function TokensPage() {
  useDocumentTitle("Access tokens");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tokens = useQuery(trpc.tokens.list.queryOptions());
  const [name, setName] = useState("");
  const [expiry, setExpiry] = useState("");
  const [created, setCreated] = useState<{ name: string; token: string } | undefined>();
  const create = useMutation(
    trpc.tokens.create.mutationOptions({
      onSuccess: (result) => {
        setCreated({ name: result.record.name, token: result.token });
        setName("");
        void queryClient.invalidateQueries({ queryKey: trpc.tokens.list.queryKey() });
      },
    }),
  );

  return (
    <>
      <PageHeader title="Access tokens">
        <p className="muted">
          Tokens let the Pulumi CLI and automation act as you: <span className="mono">PULUMI_ACCESS_TOKEN=… pulumi login {window.location.origin}</span>
        </p>
      </PageHeader>

      {created ? <CreatedToken name={created.name} token={created.token} onDone={() => setCreated(undefined)} /> : null}

      <section className="panel" aria-labelledby="new-token-title">
        <h2 id="new-token-title">New token</h2>
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate({ name, expiresInDays: expiry === "" ? null : Number(expiry) });
          }}
        >
          <input aria-label="Token name" placeholder="Name, e.g. laptop or CI" value={name} onChange={(event) => setName(event.target.value)} maxLength={200} required />
          <select aria-label="Expires after" value={expiry} onChange={(event) => setExpiry(event.target.value)}>
            {expiryChoices.map((choice) => (
              <option key={choice.label} value={choice.days ?? ""}>
                {choice.days === null ? "Never expires" : `Expires in ${choice.label}`}
              </option>
            ))}
          </select>
          <button type="submit" className="button primary" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create token"}
          </button>
        </form>
        <InlineError error={create.error} />
      </section>

      <section className="panel" aria-labelledby="tokens-title">
        <h2 id="tokens-title">Your tokens</h2>
        {tokens.isPending ? <SkeletonRows rows={3} columns={4} label="Loading tokens" /> : null}
        {tokens.isError ? <ErrorState error={tokens.error} onRetry={() => tokens.refetch()} /> : null}
        {tokens.data?.length === 0 ? (
          <EmptyState title="No tokens yet">
            <p>Create one above, or log in the CLI from the browser with pulumi login.</p>
          </EmptyState>
        ) : null}
        {tokens.data && tokens.data.length > 0 ? (
          <table className="table tokens-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col" className="hide-narrow">
                  Expires
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.map((token) => (
                <tr key={token.id} data-token-id={token.id}>
                  <td className="token-name">
                    {token.name}
                    {token.expired ? <span className="pill warning">expired</span> : null}
                  </td>
                  <td>
                    <TimeAgo iso={token.createdAt} />
                  </td>
                  <td>
                    <TimeAgo iso={token.lastUsedAt} />
                  </td>
                  <td className="hide-narrow">{token.expiresAt ? <TimeAgo iso={token.expiresAt} /> : <span className="muted">never</span>}</td>
                  <td className="actions-cell">
                    <RevokeToken id={token.id} name={token.name} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </>
  );
}
