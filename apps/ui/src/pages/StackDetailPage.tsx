import { useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";

import { useTRPC } from "../api/trpc.ts";
import { ErrorState } from "../components/ErrorState.tsx";
import { PageHeader } from "../components/PageHeader.tsx";
import { SkeletonBlock } from "../components/Skeleton.tsx";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";
import { stackPath, useStackAddress } from "../hooks/useStackAddress.ts";
import { ActiveUpdateBanner } from "./stack-detail/ActiveUpdateBanner.tsx";
import { DeleteStack } from "./stack-detail/DeleteStack.tsx";
import { HistoryTab } from "./stack-detail/HistoryTab.tsx";
import { OverviewTab } from "./stack-detail/OverviewTab.tsx";
import { ResourcesTab } from "./stack-detail/ResourcesTab.tsx";

const tabs = [
  { id: "overview", label: "Overview" },
  { id: "resources", label: "Resources" },
  { id: "history", label: "History" },
] as const;
type TabId = (typeof tabs)[number]["id"];

/** Renders one stack: overview (outputs, tags, latest update), resource tree and update history, one tab each. */
export function StackDetailPage() {
  const trpc = useTRPC();
  const address = useStackAddress();
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get("tab");
  const tab: TabId = tabs.some((candidate) => candidate.id === requested) ? (requested as TabId) : "overview";
  useDocumentTitle(`${address.project}/${address.stack}`);

  const stack = useQuery(
    trpc.stacks.get.queryOptions(address, {
      // Polls slowly while idle, so an update started from a terminal shows up without a reload.
      refetchInterval: (query) => (query.state.data?.activeUpdate ? 2000 : 10_000),
    }),
  );

  const crumbs = [
    { label: address.org, to: `/${encodeURIComponent(address.org)}` },
    { label: address.project, to: `/${encodeURIComponent(address.org)}/${encodeURIComponent(address.project)}` },
  ];

  return (
    <>
      <PageHeader
        crumbs={crumbs}
        title={address.stack}
        actions={stack.data?.permissions.canDelete ? <DeleteStack address={address} resourceCount={stack.data.resourceCount} /> : null}
      >
        <nav className="tabs" aria-label="Stack sections">
          {tabs.map((candidate) => (
            <Link
              key={candidate.id}
              to={`${stackPath(address)}${candidate.id === "overview" ? "" : `?tab=${candidate.id}`}`}
              className={candidate.id === tab ? "tab active" : "tab"}
              aria-current={candidate.id === tab ? "page" : undefined}
              onClick={(event) => {
                event.preventDefault();
                setSearchParams(candidate.id === "overview" ? {} : { tab: candidate.id });
              }}
            >
              {candidate.label}
            </Link>
          ))}
        </nav>
      </PageHeader>

      {stack.isPending ? <SkeletonBlock lines={6} label="Loading stack" /> : null}
      {stack.isError ? <ErrorState error={stack.error} onRetry={() => stack.refetch()} /> : null}
      {stack.data ? (
        <>
          <ActiveUpdateBanner address={address} stack={stack.data} />
          {tab === "overview" ? <OverviewTab address={address} stack={stack.data} /> : null}
          {tab === "resources" ? <ResourcesTab address={address} version={stack.data.version} /> : null}
          {tab === "history" ? <HistoryTab address={address} /> : null}
        </>
      ) : null}
    </>
  );
}
