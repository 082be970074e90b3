import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "react-router";

import { useTRPC } from "../api/trpc.ts";
import { CopyButton } from "../components/CopyButton.tsx";
import { ErrorState } from "../components/ErrorState.tsx";
import { PageHeader } from "../components/PageHeader.tsx";
import { SkeletonBlock } from "../components/Skeleton.tsx";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";
import { clearToken } from "../session/token-store.ts";

/** Renders the signed-in user, their organizations and roles, how to point the CLI here, and sign-out. */
export function SettingsPage() {
  useDocumentTitle("Settings");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const me = useQuery(trpc.session.me.queryOptions());
  const origin = window.location.origin;
  const loginCommand = `PULUMI_CONSOLE_DOMAIN=${window.location.host} pulumi login ${origin}`;

  return (
    <>
      <PageHeader title="Settings" />
      {me.isPending ? <SkeletonBlock lines={4} label="Loading profile" /> : null}
      {me.isError ? <ErrorState error={me.error} onRetry={() => me.refetch()} /> : null}
      {me.data ? (
        <>
          <section className="panel" aria-labelledby="profile-title">
            <h2 id="profile-title">Profile</h2>
            <dl className="facts">
              <dt>Login</dt>
              <dd className="mono">{me.data.login}</dd>
              <dt>Name</dt>
              <dd>{me.data.name}</dd>
              <dt>Email</dt>
              <dd>{me.data.email}</dd>
              <dt>Signed in with</dt>
              <dd>{me.data.tokenName ?? "an access token"}</dd>
            </dl>
          </section>
          <section className="panel" aria-labelledby="orgs-title">
            <h2 id="orgs-title">Organizations</h2>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Organization</th>
                  <th scope="col">Role</th>
                </tr>
              </thead>
              <tbody>
                {me.data.memberships.map((membership) => (
                  <tr key={membership.orgName}>
                    <td>
                      <Link to={`/${encodeURIComponent(membership.orgName)}`}>{membership.orgName}</Link>
                    </td>
                    <td>{membership.role}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      ) : null}
      <section className="panel" aria-labelledby="cli-title">
        <h2 id="cli-title">Pulumi CLI</h2>
        <p>
          Log in from a terminal. The CLI opens this dashboard to finish the login when it can derive the dashboard's
          address, which for a server that is not on an <span className="mono">api.</span> host needs{" "}
          <span className="mono">PULUMI_CONSOLE_DOMAIN</span>:
        </p>
        <div className="token-value-row">
          <pre className="code-block grow">{loginCommand}</pre>
          <CopyButton text={loginCommand} />
        </div>
        <p>
          Or create a token on the <Link to="/user/settings/tokens">Tokens</Link> page and set <span className="mono">PULUMI_ACCESS_TOKEN</span>.
        </p>
      </section>
      <section className="panel" aria-labelledby="session-title">
        <h2 id="session-title">Session</h2>
        <p className="muted">This browser keeps your token in local storage until you sign out.</p>
        <button
          type="button"
          className="button"
          onClick={() => {
            clearToken();
            queryClient.clear();
            navigate("/login", { replace: true });
          }}
        >
          Sign out of this browser
        </button>
      </section>
    </>
  );
}
