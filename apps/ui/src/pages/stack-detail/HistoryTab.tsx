import { useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";

import { useTRPC } from "../../api/trpc.ts";
import { ChangeSummary } from "../../components/ChangeSummary.tsx";
import { EmptyState } from "../../components/EmptyState.tsx";
import { ErrorState } from "../../components/ErrorState.tsx";
import { SkeletonRows } from "../../components/Skeleton.tsx";
import { StatusBadge } from "../../components/StatusBadge.tsx";
import { TimeAgo } from "../../components/TimeAgo.tsx";
import { updatePath } from "../../hooks/useStackAddress.ts";
import { formatDuration } from "../../lib/format.ts";
import type { StackAddress } from "./types.ts";

const pageSize = 20;

/** Update history, newest first, in pages kept in the URL (`?tab=history&page=2`). */
export function HistoryTab({ address }: { address: StackAddress }) {
  const trpc = useTRPC();
  const [searchParams, setSearchParams] = useSearchParams();
  const page = Math.max(1, Number.parseInt(searchParams.get("page") ?? "1", 10) || 1);
  const history = useQuery(
    trpc.updates.list.queryOptions(
      { ...address, page, pageSize },
      { refetchInterval: (query) => (query.state.data?.updates.some((update) => update.endedAt === null) ? 2000 : false) },
    ),
  );
  const goTo = (next: number) => setSearchParams({ tab: "history", ...(next > 1 ? { page: String(next) } : {}) });

  if (history.isPending) {
    return <SkeletonRows rows={5} columns={5} label="Loading history" />;
  }
  if (history.isError) {
    return <ErrorState error={history.error} onRetry={() => history.refetch()} />;
  }
  if (history.data.updates.length === 0) {
    return (
      <EmptyState title={page > 1 ? "No more updates" : "No updates yet"}>
        {page > 1 ? (
          <button type="button" className="button" onClick={() => goTo(1)}>
            Back to the newest
          </button>
        ) : (
          <p>Updates appear here after the first pulumi up.</p>
        )}
      </EmptyState>
    );
  }

  return (
    <>
      <table className="table history-table">
        <thead>
          <tr>
            <th scope="col">Update</th>
            <th scope="col">Status</th>
            <th scope="col">Changes</th>
            <th scope="col">When</th>
          </tr>
        </thead>
        <tbody>
          {history.data.updates.map((update) => (
            <tr key={update.id}>
              <td className="message-cell">
                <Link to={updatePath(address, update)}>
                  {update.kind === "update" ? "" : `${update.kind} `}#{update.version ?? "?"}
                </Link>
                <div className="muted small truncate" title={update.message}>
                  {update.message || "No message"}
                </div>
              </td>
              <td>
                <StatusBadge status={update.status} />
              </td>
              <td>
                <ChangeSummary changes={update.resourceChanges} />
              </td>
              <td>
                <TimeAgo iso={update.startedAt ?? update.createdAt} />
                <div className="muted small">
                  by {update.requestedBy}
                  {update.durationSeconds !== null ? ` · ${formatDuration(update.durationSeconds)}` : ""}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="pager">
        <button type="button" className="button small" disabled={page <= 1} onClick={() => goTo(page - 1)}>
          Newer
        </button>
        <span className="muted">Page {page}</span>
        <button type="button" className="button small" disabled={!history.data.hasMore} onClick={() => goTo(page + 1)}>
          Older
        </button>
      </div>
    </>
  );
}
