const labels: Record<string, string> = {
  "not-started": "Queued",
  "in-progress": "Running",
  succeeded: "Succeeded",
  failed: "Failed",
  cancelled: "Cancelled",
  canceled: "Cancelled",
};

/** Status of an update: colour plus a word, so it does not rely on colour alone. */
export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`status-badge status-${status}`} data-status={status}>
      {labels[status] ?? status}
    </span>
  );
}
