import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useParams } from "react-router";

import type { DisplayValue } from "@procella/api/display";

import { useTRPC } from "../api/trpc.ts";
import { ErrorState } from "../components/ErrorState.tsx";
import { PageHeader } from "../components/PageHeader.tsx";
import { SkeletonBlock, SkeletonRows } from "../components/Skeleton.tsx";
import { StatusBadge } from "../components/StatusBadge.tsx";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";
import { useEventStream } from "../hooks/useEventStream.ts";
import { useHasRole } from "../hooks/useRole.ts";
import { stackPath, useStackAddress } from "../hooks/useStackAddress.ts";
import { buildEventLog } from "../lib/event-log.ts";
import { CancelUpdate } from "./update-detail/CancelUpdate.tsx";
import { Diagnostics } from "./update-detail/Diagnostics.tsx";
import { LogSections } from "./update-detail/LogSections.tsx";
import { StepTable } from "./update-detail/StepTable.tsx";
import { UpdateSummary } from "./update-detail/UpdateSummary.tsx";

const kindLabels: Record<string, string> = {
  update: "Update",
  preview: "Preview",
  refresh: "Refresh",
  destroy: "Destroy",
  import: "Import",
  rename: "Rename",
  "resource-import": "Resource import",
};

const runningStatuses = new Set(["not-started", "in-progress"]);

/** "Update #3", "Refresh #4", "Preview" or "Destroy preview"; the preview phase of `pulumi up` is a dry-run update. */
function updateTitle(update: { kind: string; dryRun: boolean; version: number | null }): string {
  const label = kindLabels[update.kind] ?? update.kind;
  if (update.dryRun) {
    return update.kind === "update" || update.kind === "preview" ? "Preview" : `${label} preview`;
  }
  return `${label} #${update.version ?? "…"}`;
}

/** Renders one update's log as the CLI prints it, and follows a running update live. */
export function UpdateDetailPage() {
  const trpc = useTRPC();
  const address = useStackAddress();
  const params = useParams();
  // CLI permalinks name real updates by version and previews by id; a non-numeric version segment is taken as an id.
  const byVersion = params.version !== undefined && /^\d+$/.test(params.version);
  const version = byVersion ? Number(params.version) : undefined;
  const selector = byVersion ? { version } : { updateId: params.updateId ?? params.version ?? "" };

  const update = useQuery(
    trpc.updates.get.queryOptions(
      { ...address, ...selector },
      { refetchInterval: (query) => (query.state.data && runningStatuses.has(query.state.data.status) ? 1000 : false) },
    ),
  );
  const stream = useEventStream(address, update.data?.id);
  const log = useMemo(() => buildEventLog(stream.data?.events ?? []), [stream.data]);
  const stackOutputs = useMemo(() => {
    const events = stream.data?.events ?? [];
    for (let index = events.length - 1; index >= 0; index--) {
      const event = events[index];
      if (event?.type === "resOutputs" && event.step.type === "pulumi:pulumi:Stack" && event.step.outputs) {
        return event.step.outputs;
      }
    }
    return undefined as Record<string, DisplayValue> | undefined;
  }, [stream.data]);
  const canCancel = useHasRole(address.org, "member");

  const title = update.data ? updateTitle(update.data) : `Update #${version ?? "…"}`;
  useDocumentTitle(`${title} · ${address.stack}`);
  const running = update.data ? runningStatuses.has(update.data.status) : false;

  const crumbs = [
    { label: address.org, to: `/${encodeURIComponent(address.org)}` },
    { label: address.project, to: `/${encodeURIComponent(address.org)}/${encodeURIComponent(address.project)}` },
    { label: address.stack, to: stackPath(address) },
  ];

  return (
    <>
      <PageHeader
        crumbs={crumbs}
        title={
          <>
            {title} {update.data ? <StatusBadge status={update.data.status} /> : null}
          </>
        }
        actions={update.data && running && canCancel ? <CancelUpdate address={address} updateId={update.data.id} /> : null}
      />
      {update.isPending ? <SkeletonBlock lines={3} label="Loading update" /> : null}
      {update.isError ? <ErrorState error={update.error} onRetry={() => update.refetch()} /> : null}
      {update.data ? (
        <>
          <UpdateSummary update={update.data} summary={log.summary} running={running} />
          {stream.isPending ? <SkeletonRows rows={4} columns={3} label="Loading events" /> : null}
          {stream.isError ? <ErrorState error={stream.error} onRetry={() => stream.refetch()} /> : null}
          {stream.data ? (
            <>
              <StepTable steps={log.steps} planned={update.data.dryRun} running={running} />
              <Diagnostics groups={log.diagnostics} />
              <LogSections log={log} outputs={stackOutputs} config={update.data.config} />
            </>
          ) : null}
        </>
      ) : null}
    </>
  );
}
