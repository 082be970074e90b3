import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";

import { useTRPC } from "../api/trpc.ts";
import { EmptyState } from "../components/EmptyState.tsx";
import { ErrorState } from "../components/ErrorState.tsx";
import { PageHeader } from "../components/PageHeader.tsx";
import { SkeletonRows } from "../components/Skeleton.tsx";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";
import { groupByProject, parseTagFilter } from "./stack-list/filters.ts";
import { StackTable } from "./stack-list/StackTable.tsx";

const searchDelayMs = 250;

/** Stacks of the user's organizations, grouped by project, with search and tag filters kept in the URL. */
export function StackListPage() {
  const trpc = useTRPC();
  const params = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const search = searchParams.get("q") ?? "";
  const tagText = searchParams.get("tag") ?? "";
  const [searchDraft, setSearchDraft] = useState(search);
  const [tagDraft, setTagDraft] = useState(tagText);
  useDocumentTitle(params.project ?? params.org ?? "Stacks");

  // Typing updates the URL after a pause, so every filtered view has a link and the back button works.
  useEffect(() => {
    if (searchDraft.trim() === search && tagDraft.trim() === tagText) {
      return;
    }
    const timer = setTimeout(() => {
      const next = new URLSearchParams(searchParams);
      for (const [key, value] of [
        ["q", searchDraft.trim()],
        ["tag", tagDraft.trim()],
      ] as const) {
        if (value) {
          next.set(key, value);
        } else {
          next.delete(key);
        }
      }
      setSearchParams(next, { replace: true });
    }, searchDelayMs);
    return () => clearTimeout(timer);
  }, [searchDraft, tagDraft, search, tagText, searchParams, setSearchParams]);

  const input = {
    search: search || undefined,
    organization: params.org,
    project: params.project,
    ...parseTagFilter(tagText),
    pageSize: 50,
  };
  const stacks = useInfiniteQuery(
    trpc.stacks.list.infiniteQueryOptions(input, {
      getNextPageParam: (last) => last.nextCursor ?? undefined,
      // Keep showing the previous results while a new filter loads, instead of flashing the skeleton.
      placeholderData: keepPreviousData,
      refetchInterval: (query) =>
        query.state.data?.pages.some((page) => page.stacks.some((stack) => stack.activeUpdate)) ? 3000 : 30_000,
    }),
  );
  const me = useQuery(trpc.session.me.queryOptions());

  const all = useMemo(() => stacks.data?.pages.flatMap((page) => page.stacks) ?? [], [stacks.data]);
  const groups = useMemo(() => groupByProject(all), [all]);
  const filtered = Boolean(search || tagText);
  const exampleOrg = params.org ?? me.data?.memberships[0]?.orgName ?? "my-org";

  const crumbs = params.org
    ? [{ label: "Stacks", to: "/" }, ...(params.project ? [{ label: params.org, to: `/${encodeURIComponent(params.org)}` }] : [])]
    : [];

  return (
    <>
      <PageHeader crumbs={crumbs} title={params.project ?? params.org ?? "Stacks"}>
        <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
          <input
            type="search"
            aria-label="Search stacks"
            placeholder="Search by stack or project name"
            value={searchDraft}
            onChange={(event) => setSearchDraft(event.target.value)}
            maxLength={100}
          />
          <input
            type="text"
            aria-label="Filter by tag"
            placeholder="Tag: name or name=value"
            value={tagDraft}
            onChange={(event) => setTagDraft(event.target.value)}
            maxLength={300}
          />
        </form>
      </PageHeader>

      {stacks.isPending ? <SkeletonRows rows={6} columns={3} label="Loading stacks" /> : null}
      {stacks.isError ? <ErrorState error={stacks.error} onRetry={() => stacks.refetch()} /> : null}
      {stacks.isSuccess && all.length === 0 && filtered ? (
        <EmptyState title="No stacks match">
          <p>No stack matches the search or tag filter.</p>
          <button
            type="button"
            className="button"
            onClick={() => {
              setSearchDraft("");
              setTagDraft("");
            }}
          >
            Clear filters
          </button>
        </EmptyState>
      ) : null}
      {stacks.isSuccess && all.length === 0 && !filtered ? (
        <EmptyState title="No stacks yet">
          <p>Create one with the Pulumi CLI:</p>
          <pre className="code-block">{`pulumi login ${window.location.origin}\npulumi stack init ${exampleOrg}/${params.project ?? "my-project"}/dev`}</pre>
        </EmptyState>
      ) : null}

      {groups.map((group) => (
        <section key={group.key} className="project-group" aria-label={`Project ${group.project}`}>
          <h2 className="group-title">
            <Link to={`/${encodeURIComponent(group.org)}/${encodeURIComponent(group.project)}`}>{group.project}</Link>
            <span className="muted">
              {group.org} · {group.stacks.length} {group.stacks.length === 1 ? "stack" : "stacks"}
            </span>
          </h2>
          <StackTable stacks={group.stacks} />
        </section>
      ))}
      {stacks.hasNextPage ? (
        <button type="button" className="button" onClick={() => stacks.fetchNextPage()} disabled={stacks.isFetchingNextPage}>
          {stacks.isFetchingNextPage ? "Loading…" : "Load more stacks"}
        </button>
      ) : null}
    </>
  );
}
