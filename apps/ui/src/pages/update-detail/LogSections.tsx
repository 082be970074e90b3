import type { UpdateView } from "@procella/api";
import type { DisplayValue } from "@procella/api/display";

import { PropertyValue, SecretPlaceholder } from "../../components/PropertyValue.tsx";
import type { EventLog } from "../../lib/event-log.ts";

/** Stack outputs reported by the update, program output, engine errors and the configuration used. */
export function LogSections({ log, outputs, config }: { log: EventLog; outputs?: Record<string, DisplayValue>; config: UpdateView["config"] }) {
  const outputEntries = Object.entries(outputs ?? {}).sort(([left], [right]) => left.localeCompare(right));
  const configEntries = Object.entries(config).sort(([left], [right]) => left.localeCompare(right));
  return (
    <>
      {log.errors.length > 0 ? (
        <section className="panel" aria-labelledby="errors-title">
          <h2 id="errors-title">Errors</h2>
          {log.errors.map((error, index) => (
            <pre key={`${index}-${error.slice(0, 20)}`} className="diagnostic severity-error">
              {error}
            </pre>
          ))}
        </section>
      ) : null}
      {log.policy.length > 0 ? (
        <section className="panel" aria-labelledby="policy-title">
          <h2 id="policy-title">Policy violations</h2>
          {log.policy.map((violation, index) => (
            <pre key={`${index}-${violation.policyName}`} className="diagnostic severity-warning">
              [{violation.enforcementLevel}] {violation.policyName}: {violation.message}
            </pre>
          ))}
        </section>
      ) : null}
      {outputEntries.length > 0 ? (
        <section className="panel" aria-labelledby="update-outputs-title">
          <h2 id="update-outputs-title">Outputs</h2>
          <dl className="properties">
            {outputEntries.map(([name, value]) => (
              <div key={name}>
                <dt className="mono">{name}</dt>
                <dd>
                  <PropertyValue value={value} />
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
      {log.output.length > 0 ? (
        <section className="panel" aria-labelledby="program-output-title">
          <h2 id="program-output-title">Program output</h2>
          <pre className="code-block">{log.output.join("")}</pre>
        </section>
      ) : null}
      {configEntries.length > 0 ? (
        <details className="panel">
          <summary>Configuration ({configEntries.length})</summary>
          <dl className="properties">
            {configEntries.map(([key, entry]) => (
              <div key={key}>
                <dt className="mono">{key}</dt>
                <dd className="mono">{entry.secret ? <SecretPlaceholder /> : entry.value}</dd>
              </div>
            ))}
          </dl>
        </details>
      ) : null}
    </>
  );
}
