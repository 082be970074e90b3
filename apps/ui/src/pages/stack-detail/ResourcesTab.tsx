import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";

import type { ResourceView } from "@procella/api";

import { useTRPC } from "../../api/trpc.ts";
import { EmptyState } from "../../components/EmptyState.tsx";
import { ErrorState } from "../../components/ErrorState.tsx";
import { SkeletonRows } from "../../components/Skeleton.tsx";
import { buildResourceTree, flattenTree } from "../../lib/resource-tree.ts";
import { ResourceDetails } from "./ResourceDetails.tsx";
import { ResourceTree } from "./ResourceTree.tsx";
import type { StackAddress } from "./types.ts";

/** Renders the stack's resources as a tree by parent, with a filter and a details panel for the selected one. */
export function ResourcesTab({ address, version }: { address: StackAddress; version: number }) {
  const trpc = useTRPC();
  const resources = useQuery(trpc.stacks.resources.queryOptions({ ...address, version: version > 0 ? version : undefined }));
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [filter, setFilter] = useState("");
  const [selected, setSelected] = useState<string | undefined>();

  const rows = useMemo(() => {
    const all = resources.data?.resources ?? [];
    const needle = filter.trim().toLowerCase();
    if (needle !== "") {
      // A filtered view is flat: matching resources without their tree position.
      return all
        .filter((resource) => resource.name.toLowerCase().includes(needle) || resource.type.toLowerCase().includes(needle))
        .map((resource) => ({ resource, depth: 0, children: [] }));
    }
    return flattenTree(buildResourceTree(all), collapsed);
  }, [resources.data, filter, collapsed]);

  if (resources.isPending) {
    return <SkeletonRows rows={5} columns={3} label="Loading resources" />;
  }
  if (resources.isError) {
    return <ErrorState error={resources.error} onRetry={() => resources.refetch()} />;
  }
  if (resources.data.resources.length === 0) {
    return (
      <EmptyState title="No resources">
        <p>The stack's state has no resources yet. Run pulumi up to create them.</p>
      </EmptyState>
    );
  }

  const toggle = (urn: string) => {
    const next = new Set(collapsed);
    if (next.has(urn)) {
      next.delete(urn);
    } else {
      next.add(urn);
    }
    setCollapsed(next);
  };
  const selectedResource: ResourceView | undefined = resources.data.resources.find((resource) => resource.urn === selected);

  return (
    <div className="resources">
      <div className="toolbar">
        <input
          type="search"
          aria-label="Filter resources"
          placeholder="Filter by name or type"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
        <span className="muted">
          {resources.data.resources.length} resources · version {resources.data.version}
        </span>
      </div>
      {resources.data.pendingOperations.length > 0 ? (
        <div className="banner warning" role="status">
          {resources.data.pendingOperations.length} operation(s) were interrupted and may have left resources behind:{" "}
          {resources.data.pendingOperations.map((operation) => `${operation.type} ${operation.urn}`).join(", ")}
        </div>
      ) : null}
      <div className="split">
        <ResourceTree rows={rows} collapsed={collapsed} onToggle={toggle} selected={selected} onSelect={setSelected} />
        {selectedResource ? <ResourceDetails resource={selectedResource} onClose={() => setSelected(undefined)} /> : null}
      </div>
    </div>
  );
}
