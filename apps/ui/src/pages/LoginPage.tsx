import { useQueryClient } from "@tanstack/react-query";
import { Navigate, useNavigate, useSearchParams } from "react-router";

import { TokenForm } from "../components/TokenForm.tsx";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";
import { safeNextPath } from "../lib/safe-redirect.ts";
import { setToken } from "../session/token-store.ts";
import { useToken } from "../session/use-session.ts";

/** Dev-mode sign-in: the user pastes an access token, which this browser keeps until sign-out. */
export function LoginPage() {
  useDocumentTitle("Sign in");
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const token = useToken();
  const next = safeNextPath(searchParams.get("next"));

  if (token) {
    return <Navigate to={next} replace />;
  }
  return (
    <main className="page narrow login-page">
      <div className="card login-card">
        <img src="/favicon.svg" alt="" width={40} height={40} />
        <h1>Sign in to Procella</h1>
        <p className="muted">
          Paste an access token: the one the server printed at start (<span className="mono">PULUMI_ACCESS_TOKEN=…</span>), the
          configured <span className="mono">PROCELLA_DEV_AUTH_TOKEN</span>, or one created on the Tokens page.
        </p>
        <TokenForm
          submitLabel="Sign in"
          onVerified={(verified) => {
            queryClient.clear();
            setToken(verified);
            navigate(next, { replace: true });
          }}
        />
      </div>
    </main>
  );
}
