import { maskProperties } from "./mask-secrets.ts";
import type { EngineEventRecord } from "./records.ts";
import { urnName } from "./urn.ts";

/** A resource step of an engine event, reduced to what the event log shows. */
export interface StepView {
  op: string;
  urn: string;
  name: string;
  type: string;
  /** Parent URN from the step's new (or else old) state. */
  parent?: string;
  provider?: string;
  /** Top-level properties that differ. */
  diffs: string[];
  /** Properties whose change forces a replacement. */
  replaceKeys: string[];
  /** Resource outputs once the step finished; present only on resOutputs events, with secrets masked. */
  outputs?: ReturnType<typeof maskProperties>;
}

interface EventBase {
  sequence: number;
  /** Unix seconds, as the CLI sent it. */
  timestamp: number;
}

/** One engine event as the dashboard renders it; colour codes are removed from every message. */
export type EventView = EventBase &
  (
    | { type: "stdout"; message: string }
    | { type: "diagnostic"; severity: string; message: string; urn?: string; prefix?: string; ephemeral: boolean }
    | { type: "prelude"; config: Record<string, string> }
    | { type: "resourcePre"; step: StepView; planning: boolean }
    | { type: "resOutputs"; step: StepView; planning: boolean }
    | { type: "resOpFailed"; step: StepView; status: number }
    | {
        type: "summary";
        result: string;
        durationSeconds: number;
        resourceChanges: Record<string, number>;
        isPreview: boolean;
        maybeCorrupt: boolean;
      }
    | { type: "policy"; message: string; policyName: string; policyPackName: string; enforcementLevel: string; urn?: string }
    | { type: "error"; message: string }
    | { type: "cancel" }
    | { type: "other"; name: string }
  );

// Pulumi's colour directives look like `<{%fg 1%}>`; ANSI escapes may appear in stdout.
const colorDirective = /<\{%[^%]*%\}>/g;
const ansiEscape = /\x1b\[[0-9;?]*[A-Za-z]/g;

/** Removes Pulumi colour directives and ANSI escape sequences. */
export function stripColors(text: string): string {
  return text.replace(colorDirective, "").replace(ansiEscape, "");
}

type Loose = Record<string, unknown>;

function object(value: unknown): Loose {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Loose) : {};
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

function stepView(payload: Loose, withOutputs: boolean): StepView {
  const metadata = object(payload.metadata);
  const urn = text(metadata.urn);
  const state = object(metadata.new ?? metadata.old);
  return {
    op: text(metadata.op),
    urn,
    name: urnName(urn),
    type: text(metadata.type),
    parent: text(state.parent) || undefined,
    provider: text(metadata.provider) || undefined,
    diffs: strings(metadata.diffs),
    replaceKeys: strings(metadata.keys),
    outputs: withOutputs ? maskProperties(state.outputs) : undefined,
  };
}

function counts(value: unknown): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [key, count] of Object.entries(object(value))) {
    if (typeof count === "number") {
      result[key] = count;
    }
  }
  return result;
}

/** Converts one stored EngineEvent (exactly one payload field set) into its view. */
export function toEventView(event: EngineEventRecord): EventView {
  const base: EventBase = { sequence: event.sequence, timestamp: event.timestamp };
  if (event.stdoutEvent) {
    return { ...base, type: "stdout", message: stripColors(text(object(event.stdoutEvent).message)) };
  }

  if (event.diagnosticEvent) {
    const payload = object(event.diagnosticEvent);
    return {
      ...base,
      type: "diagnostic",
      severity: text(payload.severity) || "info",
      message: stripColors(text(payload.message)),
      urn: text(payload.urn) || undefined,
      prefix: stripColors(text(payload.prefix)) || undefined,
      ephemeral: payload.ephemeral === true,
    };
  }

  if (event.preludeEvent) {
    const config: Record<string, string> = {};
    for (const [key, value] of Object.entries(object(object(event.preludeEvent).config))) {
      config[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return { ...base, type: "prelude", config };
  }

  if (event.resourcePreEvent) {
    const payload = object(event.resourcePreEvent);
    return { ...base, type: "resourcePre", step: stepView(payload, false), planning: payload.planning === true };
  }

  if (event.resOutputsEvent) {
    const payload = object(event.resOutputsEvent);
    return { ...base, type: "resOutputs", step: stepView(payload, true), planning: payload.planning === true };
  }

  if (event.resOpFailedEvent) {
    const payload = object(event.resOpFailedEvent);
    return { ...base, type: "resOpFailed", step: stepView(payload, false), status: numberOr(payload.status, 0) };
  }

  if (event.summaryEvent) {
    const payload = object(event.summaryEvent);
    return {
      ...base,
      type: "summary",
      result: text(payload.result) || "succeeded",
      durationSeconds: numberOr(payload.durationSeconds, 0),
      resourceChanges: counts(payload.resourceChanges),
      isPreview: payload.isPreview === true,
      maybeCorrupt: payload.maybeCorrupt === true,
    };
  }

  if (event.policyEvent) {
    const payload = object(event.policyEvent);
    return {
      ...base,
      type: "policy",
      message: stripColors(text(payload.message)),
      policyName: text(payload.policyName),
      policyPackName: text(payload.policyPackName),
      enforcementLevel: text(payload.enforcementLevel),
      urn: text(payload.resourceUrn) || undefined,
    };
  }

  if (event.errorEvent) {
    return { ...base, type: "error", message: stripColors(text(object(event.errorEvent).error)) };
  }

  if (event.cancelEvent) {
    return { ...base, type: "cancel" };
  }

  const name = Object.keys(event).find((key) => key !== "sequence" && key !== "timestamp") ?? "unknown";
  return { ...base, type: "other", name };
}
