/** Formats seconds as the CLI does for durations: `45s`, `3m12s`, `1h4m`. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  if (seconds < 60) {
    return `${seconds}s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes}m${seconds % 60}s`;
  }
  return `${Math.floor(minutes / 60)}h${minutes % 60}m`;
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

const relativeFormat = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "3 minutes ago", "yesterday", "just now" for an ISO time, relative to `now`. */
export function formatRelative(iso: string, now: Date = new Date()): string {
  const seconds = Math.round((new Date(iso).getTime() - now.getTime()) / 1000);
  if (Number.isNaN(seconds)) {
    return "unknown time";
  }
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) {
      return relativeFormat.format(Math.trunc(seconds / size), unit);
    }
  }
  return "just now";
}

const dateTimeFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium" });

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
}

/**
 * Shortens a type token for tables: `random:index/randomString:RandomString`
 * becomes `random:RandomString`, `pulumi:providers:random` becomes
 * `provider:random`. Anything else is returned unchanged.
 */
export function shortType(type: string): string {
  const parts = type.split(":");
  if (parts.length !== 3) {
    return type;
  }
  const [pkg, module, name] = parts as [string, string, string];
  if (pkg === "pulumi" && module === "providers") {
    return `provider:${name}`;
  }
  return `${pkg}:${name}`;
}

/** Package of a type token (`random`, `aws`, `pulumi`), used to pick a type icon. */
export function typePackage(type: string): string {
  const [pkg, module, name] = type.split(":");
  if (pkg === "pulumi" && module === "providers" && name) {
    return name;
  }
  return pkg ?? type;
}
