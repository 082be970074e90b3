import { useQuery, useQueryClient } from "@tanstack/react-query";
import { NavLink, Outlet, useNavigate } from "react-router";

import { useTRPC } from "../api/trpc.ts";
import { clearToken } from "../session/token-store.ts";

/** Renders the signed-in layout: top bar with navigation and the user, then the page. */
export function AppShell() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const me = useQuery(trpc.session.me.queryOptions(undefined, { staleTime: 60_000 }));

  const signOut = () => {
    clearToken();
    queryClient.clear();
    navigate("/login", { replace: true });
  };

  return (
    <div className="app">
      <header className="topbar">
        <NavLink to="/" className="brand" end>
          <img src="/favicon.svg" alt="" width={22} height={22} />
          Procella
        </NavLink>
        <nav className="topnav" aria-label="Main">
          <NavLink to="/" end>
            Stacks
          </NavLink>
          <NavLink to="/user/settings/tokens">Tokens</NavLink>
          <NavLink to="/settings">Settings</NavLink>
        </nav>
        <div className="topbar-user">
          {me.data ? (
            <span className="user-login" title={me.data.email}>
              {me.data.login}
            </span>
          ) : null}
          <button type="button" className="button small ghost" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main className="page">
        <Outlet />
      </main>
    </div>
  );
}
