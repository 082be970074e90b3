import { Link } from "react-router";

import { TimeAgo } from "../../components/TimeAgo.tsx";
import { updatePath } from "../../hooks/useStackAddress.ts";
import type { StackAddress, StackDetail } from "./types.ts";

/** Shows a banner while an update runs on the stack, with a link to its live log. */
export function ActiveUpdateBanner({ address, stack }: { address: StackAddress; stack: StackDetail }) {
  const active = stack.activeUpdate;
  if (!active) {
    return null;
  }
  const latest = stack.latestUpdate;
  const update = latest?.id === active.id ? latest : { id: active.id, version: null, dryRun: false };
  return (
    <div className="banner running" role="status">
      <span className="live-dot" aria-hidden="true" />
      <span>
        A {active.kind} by <strong>{active.requestedBy}</strong> is running, started <TimeAgo iso={active.startedAt} />.
      </span>
      <Link to={updatePath(address, update)}>Follow the live log</Link>
    </div>
  );
}
