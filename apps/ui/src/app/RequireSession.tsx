import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";

import { useToken } from "../session/use-session.ts";

/** Renders its children only with a stored token; otherwise sends the user to /login and back here afterwards. */
export function RequireSession({ children }: { children: ReactNode }) {
  const token = useToken();
  const location = useLocation();
  if (!token) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return children;
}
