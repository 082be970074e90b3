import type { ResourceView } from "@procella/api";

import { TypeIcon } from "../../components/TypeIcon.tsx";
import { shortType } from "../../lib/format.ts";
import type { TreeNode } from "../../lib/resource-tree.ts";

interface ResourceTreeProps {
  rows: TreeNode<ResourceView>[];
  collapsed: ReadonlySet<string>;
  onToggle: (urn: string) => void;
  selected?: string;
  onSelect: (urn: string) => void;
}

/** Resources indented under their parents; a parent's children fold away with its toggle. */
export function ResourceTree({ rows, collapsed, onToggle, selected, onSelect }: ResourceTreeProps) {
  return (
    <table className="table resource-tree" aria-label="Resources">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Type</th>
          <th scope="col" className="hide-narrow">
            ID
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((node) => {
          const { resource } = node;
          const isOpen = !collapsed.has(resource.urn);
          return (
            <tr
              key={resource.urn}
              className={resource.urn === selected ? "selected" : undefined}
              data-urn={resource.urn}
              aria-level={node.depth + 1}
            >
              <td>
                <span className="tree-cell" style={{ paddingLeft: `${node.depth * 1.25}rem` }}>
                  {node.children.length > 0 ? (
                    <button
                      type="button"
                      className="tree-toggle"
                      aria-expanded={isOpen}
                      aria-label={`${isOpen ? "Collapse" : "Expand"} ${resource.name}`}
                      onClick={() => onToggle(resource.urn)}
                    >
                      {isOpen ? "▾" : "▸"}
                    </button>
                  ) : (
                    <span className="tree-toggle-spacer" />
                  )}
                  <TypeIcon type={resource.type} />
                  <button type="button" className="link-button resource-name" onClick={() => onSelect(resource.urn)}>
                    {resource.name}
                  </button>
                  {resource.pendingDelete ? <span className="pill warning">pending delete</span> : null}
                  {resource.protect ? <span className="pill">protected</span> : null}
                </span>
              </td>
              <td className="mono" title={resource.type}>
                {shortType(resource.type)}
              </td>
              <td className="mono hide-narrow truncate" title={resource.id}>
                {resource.id ?? ""}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
