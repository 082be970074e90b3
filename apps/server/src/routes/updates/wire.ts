import type { UpdateRecord } from "@procella/updates";

const unixSeconds = (date: Date | null): number => (date ? Math.floor(date.getTime() / 1000) : 0);

/** Maps a status to one of the four results the CLI displays; a cancelled update shows as failed. */
function toResult(status: UpdateRecord["status"]): string {
  switch (status) {
    case "not-started":
      return "not-started";
    case "in-progress":
      return "in-progress";
    case "succeeded":
      return "succeeded";
    default:
      return "failed";
  }
}

/** Pulumi's `apitype.UpdateInfo`, as `pulumi stack history` reads it. */
export function toUpdateInfo(update: UpdateRecord) {
  return {
    kind: update.kind,
    startTime: unixSeconds(update.startedAt ?? update.createdAt),
    endTime: unixSeconds(update.endedAt),
    message: update.message,
    environment: update.environment,
    config: update.config,
    result: toResult(update.status),
    version: update.version ?? 0,
    resourceChanges: update.resourceChanges ?? undefined,
    resourceCount: update.resourceCount ?? undefined,
  };
}

/** Maps a status to the legacy UpdateResults status of `GET .../update/{id}`, polled after `pulumi stack import`. */
export function toUpdateResultsStatus(status: UpdateRecord["status"]): string {
  switch (status) {
    case "not-started":
      return "not started";
    case "in-progress":
      return "running";
    case "succeeded":
      return "succeeded";
    default:
      return "failed";
  }
}
