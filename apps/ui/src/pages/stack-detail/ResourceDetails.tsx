import { useEffect, useRef } from "react";

import type { ResourceView } from "@procella/api";

import { PropertyValue } from "../../components/PropertyValue.tsx";
import { formatDateTime } from "../../lib/format.ts";

function PropertyTable({ title, properties }: { title: string; properties: ResourceView["inputs"] }) {
  const entries = Object.entries(properties).sort(([left], [right]) => left.localeCompare(right));
  return (
    <section>
      <h4>{title}</h4>
      {entries.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <dl className="properties">
          {entries.map(([key, value]) => (
            <div key={key}>
              <dt className="mono">{key}</dt>
              <dd>
                <PropertyValue value={value} />
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

/** URN, provider, parent, dependencies and the inputs and outputs (secrets masked) of one resource. */
export function ResourceDetails({ resource, onClose }: { resource: ResourceView; onClose: () => void }) {
  const panel = useRef<HTMLElement>(null);
  // In narrow windows the panel sits below the tree; bring it into view when the selection changes.
  useEffect(() => {
    panel.current?.scrollIntoView?.({ block: "nearest" });
  }, [resource.urn]);

  return (
    <aside ref={panel} className="details-panel" aria-label={`Details of ${resource.name}`}>
      <div className="details-header">
        <h3>{resource.name}</h3>
        <button type="button" className="button small ghost" onClick={onClose} aria-label="Close details">
          Close
        </button>
      </div>
      <dl className="facts">
        <dt>URN</dt>
        <dd className="mono break">{resource.urn}</dd>
        <dt>Type</dt>
        <dd className="mono">{resource.type}</dd>
        {resource.id ? (
          <>
            <dt>ID</dt>
            <dd className="mono break">{resource.id}</dd>
          </>
        ) : null}
        {resource.provider ? (
          <>
            <dt>Provider</dt>
            <dd className="mono break">{resource.provider.urn}</dd>
          </>
        ) : null}
        {resource.parent ? (
          <>
            <dt>Parent</dt>
            <dd className="mono break">{resource.parent}</dd>
          </>
        ) : null}
        {resource.dependencies.length > 0 ? (
          <>
            <dt>Depends on</dt>
            <dd className="mono break">{resource.dependencies.join("\n")}</dd>
          </>
        ) : null}
        {resource.modifiedAt ? (
          <>
            <dt>Modified</dt>
            <dd>{formatDateTime(resource.modifiedAt)}</dd>
          </>
        ) : null}
      </dl>
      <PropertyTable title="Inputs" properties={resource.inputs} />
      <PropertyTable title="Outputs" properties={resource.outputs} />
    </aside>
  );
}
