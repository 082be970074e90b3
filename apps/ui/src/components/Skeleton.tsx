/** Grey placeholder rows shown while a table loads, so the layout does not jump when data arrives. */
export function SkeletonRows({ rows = 5, columns = 4, label = "Loading" }: { rows?: number; columns?: number; label?: string }) {
  return (
    <div className="skeleton-table" aria-busy="true" aria-label={label} role="status">
      {Array.from({ length: rows }, (_, row) => (
        <div className="skeleton-row" key={row}>
          {Array.from({ length: columns }, (_, column) => (
            <span className="skeleton-bar" key={column} style={{ width: `${40 + ((row * 7 + column * 13) % 45)}%` }} />
          ))}
        </div>
      ))}
    </div>
  );
}

/** Placeholder lines for a panel of text. */
export function SkeletonBlock({ lines = 3, label = "Loading" }: { lines?: number; label?: string }) {
  return (
    <div className="skeleton-block" aria-busy="true" aria-label={label} role="status">
      {Array.from({ length: lines }, (_, line) => (
        <span className="skeleton-bar" key={line} style={{ width: `${55 + ((line * 17) % 40)}%` }} />
      ))}
    </div>
  );
}
