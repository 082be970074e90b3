import { useState } from "react";

import { TypeIcon } from "../../components/TypeIcon.tsx";
import { shortType } from "../../lib/format.ts";
import { formatDuration } from "../../lib/format.ts";
import type { StepRow } from "../../lib/event-log.ts";
import { opStyle } from "../../lib/ops.ts";

function statusText(row: StepRow, planned: boolean, running: boolean): string {
  const style = opStyle(row.op);
  if (row.status === "failed") {
    return `${style.plan} failed`;
  }
  if (row.status === "running") {
    return running ? `${style.running}…` : `${style.plan} not finished`;
  }
  if (planned) {
    return style.plan;
  }
  const seconds = row.endedAt !== undefined ? row.endedAt - row.startedAt : undefined;
  return seconds !== undefined && seconds > 0 && row.op !== "same" ? `${style.done} (${formatDuration(seconds)})` : style.done;
}

/** Renders the CLI's progress table: one row per resource with the operation symbol, type, name and status. */
export function StepTable({ steps, planned, running }: { steps: StepRow[]; planned: boolean; running: boolean }) {
  const [showSame, setShowSame] = useState(false);
  const unchanged = steps.filter((row) => row.op === "same").length;
  const visible = showSame ? steps : steps.filter((row) => row.op !== "same");

  return (
    <section className="panel" aria-labelledby="steps-title">
      <div className="panel-header">
        <h2 id="steps-title">Resources</h2>
        {unchanged > 0 ? (
          <label className="checkbox">
            <input type="checkbox" checked={showSame} onChange={(event) => setShowSame(event.target.checked)} /> Show {unchanged} unchanged
          </label>
        ) : null}
      </div>
      {visible.length === 0 ? (
        <p className="muted">{running ? "Waiting for the first resource step…" : "No resource changed."}</p>
      ) : (
        <table className="table step-table">
          <thead>
            <tr>
              <th scope="col" className="op-col">
                <span className="visually-hidden">Operation</span>
              </th>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {visible.map((row) => {
              const style = opStyle(row.op);
              return (
                <tr key={row.urn} className={`step step-${row.status}`} data-urn={row.urn} data-status={row.status}>
                  <td className={`op-col mono op-${style.tone}`} title={row.op}>
                    {style.symbol}
                  </td>
                  <td>
                    <span className="tree-cell" style={{ paddingLeft: `${row.depth * 1.1}rem` }}>
                      <TypeIcon type={row.type} />
                      <span className="step-name">{row.name}</span>
                    </span>
                    {row.diffs.length > 0 ? <div className="muted small mono">changed: {row.diffs.join(", ")}</div> : null}
                  </td>
                  <td className="mono" title={row.type}>
                    {shortType(row.type)}
                  </td>
                  <td className={`step-status status-text-${row.status}`}>{statusText(row, planned, running)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
