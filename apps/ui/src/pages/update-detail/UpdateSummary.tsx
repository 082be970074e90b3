import type { UpdateView } from "@procella/api";

import { ChangeSummary } from "../../components/ChangeSummary.tsx";
import { TimeAgo } from "../../components/TimeAgo.tsx";
import { useNow } from "../../hooks/useNow.ts";
import { formatDuration } from "../../lib/format.ts";
import type { LogSummary } from "../../lib/event-log.ts";

/** Shows who ran the update and when, its message, the change counts and the duration (ticking while it runs). */
export function UpdateSummary({ update, summary, running }: { update: UpdateView; summary?: LogSummary; running: boolean }) {
  const now = useNow(running);
  const started = update.startedAt ? new Date(update.startedAt).getTime() : undefined;
  const seconds =
    update.durationSeconds ?? summary?.durationSeconds ?? (running && started !== undefined ? (now.getTime() - started) / 1000 : null);
  const changes = Object.keys(update.resourceChanges).length > 0 ? update.resourceChanges : (summary?.resourceChanges ?? {});

  return (
    <section className="update-summary" aria-label="Summary">
      <dl className="facts inline">
        <div>
          <dt>Started</dt>
          <dd>
            <TimeAgo iso={update.startedAt ?? update.createdAt} /> by <strong>{update.requestedBy}</strong>
          </dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd data-testid="duration">{seconds === null ? "—" : formatDuration(seconds)}</dd>
        </div>
        <div>
          <dt>Resources</dt>
          <dd data-testid="changes">
            {running && Object.keys(changes).length === 0 ? <span className="muted">in progress</span> : <ChangeSummary changes={changes} planned={update.dryRun} />}
          </dd>
        </div>
      </dl>
      {update.message ? <p className="update-message">{update.message}</p> : null}
      {running ? (
        <p className="live-note" role="status">
          <span className="live-dot" aria-hidden="true" /> Following live; new steps appear as the CLI reports them.
        </p>
      ) : null}
      {summary?.result === "failed" || update.status === "failed" ? (
        <p className="banner error">This {update.kind} failed. The diagnostics below have the errors.</p>
      ) : null}
    </section>
  );
}
