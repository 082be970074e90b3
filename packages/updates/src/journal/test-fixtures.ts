/**
 * Builders shared by the journal tests. Not exported from the package.
 */
import type { ReplayOptions } from "./replayer.ts";
import type { JournalEntry, JournalEntryKind, ManifestV1, ResourceV3 } from "./types.ts";
import { formatUrn } from "./urn.ts";

export const stackName = "dev";
export const projectName = "shop";

/** Builds a URN in the test stack. */
export function urnOf(type: string, name: string, parentType = ""): string {
  return formatUrn(stackName, projectName, parentType, type, name);
}

/** Builds a resource state in the test stack with the given extra fields. */
export function resourceOf(type: string, name: string, fields: Partial<ResourceV3> = {}, parentType = ""): ResourceV3 {
  return { urn: urnOf(type, name, parentType), custom: true, type, ...fields };
}

/** Builds a journal entry with the CLI's defaults: version 1 and null removal fields. */
export function entryOf(
  sequenceID: number,
  kind: JournalEntryKind,
  operationID: number,
  fields: Partial<JournalEntry> = {},
): JournalEntry {
  return { version: 1, kind, sequenceID, operationID, removeOld: null, removeNew: null, ...fields };
}

export const replayOptions: ReplayOptions = {
  now: new Date("2026-01-02T03:04:05.600Z"),
  engineVersion: "v3.276.0",
};

/** Manifest expected for `replayOptions`. Its magic is the `sha256sum` of "v3.276.0", computed outside this code. */
export const expectedManifest: ManifestV1 = {
  time: "2026-01-02T03:04:05.6Z",
  magic: "a8ce862bb3201356034a2d41310dffb289d873f576feb681dd14b5ac87d739dd",
  version: "v3.276.0",
};

/** Freezes a value and everything inside it, so that any write by the code under test throws. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) {
      deepFreeze(child);
    }
  }
  return value;
}
