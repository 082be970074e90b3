import { opStyle, summaryOrder } from "../lib/ops.ts";

/** Change counts as the CLI summarises them: "+ 3 created", "~ 1 updated", "5 unchanged". */
export function ChangeSummary({ changes, planned = false }: { changes: Record<string, number>; planned?: boolean }) {
  const entries = Object.entries(changes)
    .filter(([, count]) => count > 0)
    .sort(([left], [right]) => rank(left) - rank(right));
  if (entries.length === 0) {
    return <span className="muted">no changes</span>;
  }
  return (
    <span className="change-summary">
      {entries.map(([op, count]) => {
        const style = opStyle(op);
        let verb = planned ? `to ${style.plan}` : style.done;
        if (op === "same") {
          verb = "unchanged";
        }
        return (
          <span key={op} className={`change-chip op-${style.tone}`}>
            {op === "same" ? "" : `${style.symbol.trim()} `}
            {count} {verb}
          </span>
        );
      })}
    </span>
  );
}

function rank(op: string): number {
  const index = summaryOrder.indexOf(op);
  return index === -1 ? summaryOrder.length : index;
}
