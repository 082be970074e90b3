import { formatDateTime, formatRelative } from "../lib/format.ts";

/** Renders a relative time ("5 minutes ago") with the exact time on hover. */
export function TimeAgo({ iso }: { iso: string | null | undefined }) {
  if (!iso) {
    return <span className="muted">never</span>;
  }
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelative(iso)}
    </time>
  );
}
