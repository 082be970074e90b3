import { Link, useRouteError } from "react-router";

import { errorMessage } from "../api/errors.ts";

/** Last-resort page for an error thrown while rendering; pages show their own errors for failed requests. */
export function RouteError() {
  const error = useRouteError();
  return (
    <main className="page narrow">
      <div className="error-state" role="alert">
        <h1>Something went wrong</h1>
        <p className="error-message">{errorMessage(error)}</p>
        <Link to="/">Back to stacks</Link>
      </div>
    </main>
  );
}
