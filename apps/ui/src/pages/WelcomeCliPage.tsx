import { Link } from "react-router";

import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";

/** Renders the page the CLI sends the browser to once it has received its token. */
export function WelcomeCliPage() {
  useDocumentTitle("CLI logged in");
  return (
    <main className="page narrow">
      <div className="card">
        <h1>The Pulumi CLI is logged in</h1>
        <p>You can close this tab and return to your terminal.</p>
        <Link to="/">Open the dashboard</Link>
      </div>
    </main>
  );
}
