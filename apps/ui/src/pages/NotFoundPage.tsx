import { Link, useLocation } from "react-router";

import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";

export function NotFoundPage() {
  useDocumentTitle("Not found");
  const location = useLocation();
  return (
    <div className="error-state" role="alert">
      <h1>Page not found</h1>
      <p className="error-message">The dashboard has no page at {location.pathname}.</p>
      <Link to="/">Back to stacks</Link>
    </div>
  );
}
