import { Link } from "react-router";

import type { StackSummaryView } from "@procella/api";

import { StatusBadge } from "../../components/StatusBadge.tsx";
import { TagList } from "../../components/Tags.tsx";
import { TimeAgo } from "../../components/TimeAgo.tsx";
import { stackPath, updatePath } from "../../hooks/useStackAddress.ts";

/** Tags set by people; the `pulumi:` tags the CLI adds on every update show on the stack page only. */
function userTags(tags: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(tags).filter(([name]) => !name.startsWith("pulumi:")));
}

/** Stacks of one project: name and tags, last update status and time, resource count. */
export function StackTable({ stacks }: { stacks: StackSummaryView[] }) {
  return (
    <table className="table stack-table">
      <thead>
        <tr>
          <th scope="col">Stack</th>
          <th scope="col">Last update</th>
          <th scope="col" className="numeric">
            Resources
          </th>
        </tr>
      </thead>
      <tbody>
        {stacks.map((stack) => {
          const address = { org: stack.org, project: stack.project, stack: stack.stack };
          const latest = stack.latestUpdate;
          return (
            <tr key={stack.id} data-stack={`${stack.org}/${stack.project}/${stack.stack}`}>
              <td>
                <Link className="stack-name" to={stackPath(address)}>
                  {stack.stack}
                </Link>
                <TagList tags={userTags(stack.tags)} />
              </td>
              <td>
                {latest ? (
                  <Link className="last-update" to={updatePath(address, latest)}>
                    <StatusBadge status={latest.status} />
                    <TimeAgo iso={latest.endedAt ?? latest.startedAt ?? latest.createdAt} />
                    <span className="muted">by {latest.requestedBy}</span>
                  </Link>
                ) : (
                  <span className="muted">Never updated</span>
                )}
              </td>
              <td className="numeric">{stack.resourceCount}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
