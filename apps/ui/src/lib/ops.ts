/**
 * Step operations of the Pulumi engine and how the event log shows them:
 * the symbol the CLI prints, and the verb for planned, running and
 * finished steps.
 */
interface OpStyle {
  symbol: string;
  /** CSS modifier: create, update, delete, replace, same, read or refresh. */
  tone: string;
  plan: string;
  running: string;
  done: string;
}

const styles: Record<string, OpStyle> = {
  same: { symbol: " ", tone: "same", plan: "unchanged", running: "checking", done: "unchanged" },
  create: { symbol: "+", tone: "create", plan: "create", running: "creating", done: "created" },
  update: { symbol: "~", tone: "update", plan: "update", running: "updating", done: "updated" },
  delete: { symbol: "-", tone: "delete", plan: "delete", running: "deleting", done: "deleted" },
  replace: { symbol: "+-", tone: "replace", plan: "replace", running: "replacing", done: "replaced" },
  "create-replacement": { symbol: "++", tone: "replace", plan: "create replacement", running: "creating replacement", done: "created replacement" },
  "delete-replaced": { symbol: "--", tone: "replace", plan: "delete original", running: "deleting original", done: "deleted original" },
  read: { symbol: ">", tone: "read", plan: "read", running: "reading", done: "read" },
  "read-replacement": { symbol: ">>", tone: "read", plan: "read for replacement", running: "reading for replacement", done: "read for replacement" },
  refresh: { symbol: "~", tone: "refresh", plan: "refresh", running: "refreshing", done: "refreshed" },
  "read-discard": { symbol: "<", tone: "delete", plan: "discard", running: "discarding", done: "discarded" },
  "discard-replaced": { symbol: "<<", tone: "delete", plan: "discard original", running: "discarding original", done: "discarded original" },
  "remove-pending-replace": { symbol: "-", tone: "delete", plan: "remove pending replace", running: "removing pending replace", done: "removed pending replace" },
  import: { symbol: "=", tone: "read", plan: "import", running: "importing", done: "imported" },
  "import-replacement": { symbol: "=>", tone: "replace", plan: "import replacement", running: "importing replacement", done: "imported replacement" },
};

export function opStyle(op: string): OpStyle {
  return styles[op] ?? { symbol: "?", tone: "same", plan: op, running: op, done: op };
}

/** Order of change kinds in summaries, the CLI's order: creates first, unchanged last. */
export const summaryOrder = [
  "create",
  "update",
  "replace",
  "create-replacement",
  "delete-replaced",
  "delete",
  "read",
  "refresh",
  "import",
  "import-replacement",
  "discard",
  "discard-replaced",
  "remove-pending-replace",
  "read-replacement",
  "same",
];
