import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";

import { useTRPC } from "../../api/trpc.ts";
import { ChangeSummary } from "../../components/ChangeSummary.tsx";
import { PropertyValue } from "../../components/PropertyValue.tsx";
import { StatusBadge } from "../../components/StatusBadge.tsx";
import { TagEditor, TagList } from "../../components/Tags.tsx";
import { TimeAgo } from "../../components/TimeAgo.tsx";
import { updatePath } from "../../hooks/useStackAddress.ts";
import { formatDuration } from "../../lib/format.ts";
import type { StackAddress, StackDetail } from "./types.ts";

/** Latest update, stack outputs and tags. */
export function OverviewTab({ address, stack }: { address: StackAddress; stack: StackDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const saveTags = useMutation(
    trpc.stacks.setTags.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.stacks.pathKey() }),
    }),
  );
  const latest = stack.latestUpdate;
  const outputs = Object.entries(stack.outputs).sort(([left], [right]) => left.localeCompare(right));

  return (
    <div className="overview">
      <section className="cards" aria-label="Summary">
        <div className="card">
          <h3>Last update</h3>
          {latest ? (
            <>
              <p>
                <StatusBadge status={latest.status} />{" "}
                <Link to={updatePath(address, latest)}>
                  {latest.dryRun ? "Preview" : `Version ${latest.version ?? "?"}`}
                </Link>
              </p>
              <p className="muted">
                <TimeAgo iso={latest.endedAt ?? latest.startedAt ?? latest.createdAt} /> by {latest.requestedBy}
                {latest.durationSeconds !== null ? ` · took ${formatDuration(latest.durationSeconds)}` : ""}
              </p>
              <ChangeSummary changes={latest.resourceChanges} />
            </>
          ) : (
            <p className="muted">Never updated. Run pulumi up to deploy this stack.</p>
          )}
        </div>
        <div className="card">
          <h3>Resources</h3>
          <p className="big-number">{stack.resourceCount}</p>
          <p className="muted">Version {stack.version}</p>
        </div>
        <div className="card">
          <h3>Created</h3>
          <p>
            <TimeAgo iso={stack.createdAt} />
          </p>
          <p className="muted">by {stack.createdBy}</p>
        </div>
      </section>

      <section className="panel" aria-labelledby="outputs-title">
        <h2 id="outputs-title">Outputs</h2>
        {outputs.length === 0 ? (
          <p className="muted">This stack has no outputs.</p>
        ) : (
          <table className="table outputs-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Value</th>
              </tr>
            </thead>
            <tbody>
              {outputs.map(([name, value]) => (
                <tr key={name}>
                  <th scope="row" className="mono">
                    {name}
                  </th>
                  <td>
                    <PropertyValue value={value} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="panel" aria-labelledby="tags-title">
        <h2 id="tags-title">Tags</h2>
        {stack.permissions.canEditTags ? (
          <TagEditor
            key={JSON.stringify(stack.tags)}
            tags={stack.tags}
            saving={saveTags.isPending}
            error={saveTags.error}
            onSave={(tags) => saveTags.mutate({ ...address, tags })}
          />
        ) : Object.keys(stack.tags).length > 0 ? (
          <TagList tags={stack.tags} />
        ) : (
          <p className="muted">No tags.</p>
        )}
      </section>
    </div>
  );
}
