import type { EventView, StepView } from "@procella/api";

export type StepStatus = "running" | "done" | "failed";

/** One row of the step table: a resource and the latest step the engine took on it. */
export interface StepRow {
  urn: string;
  name: string;
  type: string;
  op: string;
  status: StepStatus;
  parent?: string;
  depth: number;
  diffs: string[];
  replaceKeys: string[];
  /** Unix seconds of the first and last event of this resource. */
  startedAt: number;
  endedAt?: number;
}

export interface DiagnosticLine {
  sequence: number;
  severity: string;
  message: string;
}

/** Diagnostics of one resource (or of the update when `urn` is undefined), as the CLI groups them. */
export interface DiagnosticGroup {
  urn?: string;
  name: string;
  type?: string;
  lines: DiagnosticLine[];
}

export interface LogSummary {
  result: string;
  durationSeconds: number;
  resourceChanges: Record<string, number>;
  isPreview: boolean;
}

export interface EventLog {
  steps: StepRow[];
  diagnostics: DiagnosticGroup[];
  /** Program output (stdout events), in order. */
  output: string[];
  errors: string[];
  policy: { message: string; policyName: string; enforcementLevel: string; urn?: string }[];
  config: Record<string, string>;
  summary?: LogSummary;
}

/** The replacement steps the CLI shows as one "replaced" row. */
const replaceOps = new Set(["replace", "create-replacement", "delete-replaced"]);

function mergeOp(previous: string | undefined, next: string): string {
  if (replaceOps.has(next) || (previous !== undefined && replaceOps.has(previous))) {
    return "replace";
  }
  return next;
}

function urnLabel(urn: string): { name: string; type?: string } {
  const parts = urn.split("::");
  if (parts.length < 4) {
    return { name: urn };
  }
  const type = parts[2]?.split("$").at(-1);
  return { name: parts.slice(3).join("::"), type };
}

/**
 * Folds engine events (in sequence order) into what the CLI prints: one row
 * per resource with its latest operation and status, diagnostics grouped by
 * resource, program output, and the summary. Ephemeral diagnostics (progress
 * messages the CLI overwrites) are left out.
 */
export function buildEventLog(events: readonly EventView[]): EventLog {
  const rows = new Map<string, StepRow>();
  const diagnostics = new Map<string, DiagnosticGroup>();
  const log: EventLog = { steps: [], diagnostics: [], output: [], errors: [], policy: [], config: {} };

  const touch = (step: StepView, status: StepStatus, timestamp: number) => {
    const existing = rows.get(step.urn);
    if (existing) {
      existing.op = mergeOp(existing.op, step.op);
      existing.status = existing.status === "failed" ? "failed" : status;
      existing.diffs = step.diffs.length > 0 ? step.diffs : existing.diffs;
      existing.replaceKeys = step.replaceKeys.length > 0 ? step.replaceKeys : existing.replaceKeys;
      existing.endedAt = status === "running" ? existing.endedAt : timestamp;
      return;
    }
    rows.set(step.urn, {
      urn: step.urn,
      name: step.name,
      type: step.type,
      op: mergeOp(undefined, step.op),
      status,
      parent: step.parent,
      depth: 0,
      diffs: step.diffs,
      replaceKeys: step.replaceKeys,
      startedAt: timestamp,
      endedAt: status === "running" ? undefined : timestamp,
    });
  };

  for (const event of events) {
    switch (event.type) {
      case "resourcePre":
        touch(event.step, "running", event.timestamp);
        break;
      case "resOutputs":
        touch(event.step, "done", event.timestamp);
        break;
      case "resOpFailed":
        touch(event.step, "failed", event.timestamp);
        break;
      case "diagnostic": {
        if (event.ephemeral || event.message.trim() === "") {
          break;
        }
        const key = event.urn ?? "";
        let group = diagnostics.get(key);
        if (!group) {
          group = event.urn ? { urn: event.urn, ...urnLabel(event.urn), lines: [] } : { name: "update", lines: [] };
          diagnostics.set(key, group);
        }
        group.lines.push({ sequence: event.sequence, severity: event.severity, message: event.message.trimEnd() });
        break;
      }
      case "stdout":
        log.output.push(event.message);
        break;
      case "error":
        log.errors.push(event.message);
        break;
      case "policy":
        log.policy.push({ message: event.message, policyName: event.policyName, enforcementLevel: event.enforcementLevel, urn: event.urn });
        break;
      case "prelude":
        log.config = event.config;
        break;
      case "summary":
        log.summary = {
          result: event.result,
          durationSeconds: event.durationSeconds,
          resourceChanges: event.resourceChanges,
          isPreview: event.isPreview,
        };
        break;
      default:
        break;
    }
  }

  for (const row of rows.values()) {
    row.depth = depthOf(row, rows);
  }
  // The CLI lists diagnostics that name no resource under the stack resource.
  const stackRow = [...rows.values()].find((row) => row.type === "pulumi:pulumi:Stack");
  const unattributed = diagnostics.get("");
  if (stackRow && unattributed) {
    unattributed.name = stackRow.name;
    unattributed.type = stackRow.type;
  }
  log.steps = [...rows.values()];
  log.diagnostics = [...diagnostics.values()];
  return log;
}

function depthOf(row: StepRow, rows: Map<string, StepRow>): number {
  let depth = 0;
  let parent = row.parent ? rows.get(row.parent) : undefined;
  while (parent && depth < rows.size) {
    depth++;
    parent = parent.parent ? rows.get(parent.parent) : undefined;
  }
  return depth;
}
