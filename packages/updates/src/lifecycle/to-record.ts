import type { UpdateRow } from "@procella/db";

import type { UpdateRecord } from "../updates-service.ts";

export function toUpdateRecord(row: UpdateRow): UpdateRecord {
  return {
    id: row.id,
    stackId: row.stackId,
    kind: row.kind,
    status: row.status,
    dryRun: row.dryRun,
    message: row.message,
    environment: row.environment,
    config: row.config,
    program: row.program,
    requestedBy: row.requestedBy,
    version: row.version,
    journalVersion: row.journalVersion,
    resourceChanges: row.resourceChanges,
    resourceCount: row.resourceCount,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
  };
}
