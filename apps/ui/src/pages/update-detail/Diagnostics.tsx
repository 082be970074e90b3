import type { DiagnosticGroup } from "../../lib/event-log.ts";
import { shortType } from "../../lib/format.ts";

/** Severities the CLI prints as a prefix; info and info#err (plugin stderr) lines are printed bare. */
const labelledSeverities = new Set(["warning", "error", "debug"]);

/** Diagnostics grouped by resource, like the CLI's "Diagnostics:" section; messages are shown as plain text. */
export function Diagnostics({ groups }: { groups: DiagnosticGroup[] }) {
  if (groups.length === 0) {
    return null;
  }
  return (
    <section className="panel" aria-labelledby="diagnostics-title">
      <h2 id="diagnostics-title">Diagnostics</h2>
      {groups.map((group) => (
        <div key={group.urn ?? "update"} className="diagnostic-group">
          <h3 className="mono">
            {group.type ? `${shortType(group.type)} (${group.name})` : group.name}
          </h3>
          {group.lines.map((line) => (
            <pre key={line.sequence} className={`diagnostic severity-${line.severity.replace("#", "-")}`}>
              {labelledSeverities.has(line.severity) ? <span className="severity">{line.severity}: </span> : null}
              {line.message}
            </pre>
          ))}
        </div>
      ))}
    </section>
  );
}
