import type { UpdateRecord } from "./records.ts";

/** One configuration value of an update; secret values are never included. */
export interface ConfigValueView {
  /** The value as the CLI sent it; null for secrets. */
  value: string | null;
  secret: boolean;
  /** The value is JSON text of an object or array. */
  object: boolean;
}

/** An update (or preview) as the dashboard shows it; times are ISO 8601 strings. */
export interface UpdateView {
  id: string;
  kind: string;
  status: UpdateRecord["status"];
  dryRun: boolean;
  message: string;
  requestedBy: string;
  version: number | null;
  resourceChanges: Record<string, number>;
  resourceCount: number | null;
  environment: Record<string, string>;
  config: Record<string, ConfigValueView>;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  /** Seconds from start to end; null while running or never started. */
  durationSeconds: number | null;
}

function configView(config: Record<string, unknown>): Record<string, ConfigValueView> {
  const result: Record<string, ConfigValueView> = {};
  for (const [key, raw] of Object.entries(config)) {
    const entry = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
    const secret = entry.secret === true;
    result[key] = {
      value: secret || typeof entry.string !== "string" ? null : entry.string,
      secret,
      object: entry.object === true,
    };
  }
  return result;
}

export function toUpdateView(update: UpdateRecord): UpdateView {
  const durationSeconds =
    update.startedAt && update.endedAt
      ? Math.max(0, Math.round((update.endedAt.getTime() - update.startedAt.getTime()) / 1000))
      : null;
  return {
    id: update.id,
    kind: update.kind,
    status: update.status,
    dryRun: update.dryRun,
    message: update.message,
    requestedBy: update.requestedBy,
    version: update.version,
    resourceChanges: update.resourceChanges ?? {},
    resourceCount: update.resourceCount,
    environment: update.environment,
    config: configView(update.config),
    createdAt: update.createdAt.toISOString(),
    startedAt: update.startedAt?.toISOString() ?? null,
    endedAt: update.endedAt?.toISOString() ?? null,
    durationSeconds,
  };
}
