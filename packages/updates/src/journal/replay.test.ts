import { describe, expect, test } from "bun:test";
import { JournalReplayError } from "./errors.ts";
import { orderJournalEntries, replayJournal } from "./replay.ts";
import { entryOf, expectedManifest, replayOptions, resourceOf } from "./test-fixtures.ts";
import { JournalEntryKind, type JournalEntry, type UntypedDeployment } from "./types.ts";

const { Begin, Success, Outputs } = JournalEntryKind;

const a = resourceOf("test:index:Thing", "a", { id: "a-1" });
const b = resourceOf("test:index:Thing", "b", { id: "b-1" });
const c = resourceOf("test:index:Thing", "c", { id: "c-1" });

/** Creates b and c, then replaces outputs. Order matters because positions follow the Success order. */
const journal: JournalEntry[] = [
  entryOf(1, Begin, 1, { operation: { type: "creating", resource: b } }),
  entryOf(2, Begin, 2, { operation: { type: "creating", resource: c } }),
  entryOf(3, Success, 2, { state: c }),
  entryOf(4, Success, 1, { state: b }),
  entryOf(5, Outputs, 3, { removeNew: 2, state: { ...c, outputs: { done: true } } }),
  entryOf(6, Outputs, 4, { removeOld: 0, state: { ...a, outputs: { done: true } } }),
];

const base: UntypedDeployment = { version: 3, deployment: { manifest: expectedManifest, metadata: {}, resources: [a] } };

describe("replayJournal ordering", () => {
  const inOrder = replayJournal(base, journal, replayOptions);

  test("in-order result is as derived", () => {
    expect(inOrder.deployment?.resources).toStrictEqual([
      { ...c, outputs: { done: true } },
      b,
      { ...a, outputs: { done: true } },
    ]);
  });

  test.each([
    { name: "reversed", order: [5, 4, 3, 2, 1, 0] },
    { name: "batches swapped", order: [3, 4, 5, 0, 1, 2] },
    { name: "neighbours swapped", order: [1, 0, 3, 2, 5, 4] },
  ])("$name arrival gives the same result", ({ order }) => {
    const shuffled = order.map((index) => journal[index]).filter((entry) => entry !== undefined);

    expect(replayJournal(base, shuffled, replayOptions)).toStrictEqual(inOrder);
  });

  test("retried batches are applied once", () => {
    const retried = [...journal.slice(0, 4), ...journal.slice(0, 4).map((entry) => structuredClone(entry)), ...journal.slice(4)];

    expect(replayJournal(base, retried, replayOptions)).toStrictEqual(inOrder);
  });

  test("retried entry with reordered keys is a duplicate", () => {
    const original = journal[2];
    if (original === undefined) {
      throw new Error("fixture journal is shorter than expected");
    }
    const reordered = Object.fromEntries(Object.entries(original).reverse()) as JournalEntry;

    expect(orderJournalEntries([original, reordered])).toHaveLength(1);
  });

  test("conflicting duplicates are rejected", () => {
    const conflicting = [...journal, entryOf(3, Success, 2, { state: b })];

    expect(() => replayJournal(base, conflicting, replayOptions)).toThrow(JournalReplayError);
    expect(() => replayJournal(base, conflicting, replayOptions)).toThrow(/sequence ID 3/);
  });

  test("sorted unique input is unchanged", () => {
    const entries = journal.slice();

    expect(orderJournalEntries(entries)).toStrictEqual(entries);
  });
});

describe("replayJournal base", () => {
  test("missing base starts empty", () => {
    const result = replayJournal(undefined, [entryOf(1, Success, 1, { state: a })], replayOptions);

    expect(result).toStrictEqual({
      version: 3,
      deployment: { manifest: expectedManifest, metadata: {}, resources: [a] },
    });
  });

  test("base without deployment starts empty", () => {
    const result = replayJournal({ version: 3 }, [], replayOptions);

    expect(result).toStrictEqual({ version: 3, deployment: { manifest: expectedManifest, metadata: {} } });
  });

  test("version 4 base is accepted", () => {
    const result = replayJournal({ version: 4, features: ["taint"], deployment: { resources: [a] } }, [], replayOptions);

    // Features are recomputed from the resources, and this one no longer needs any.
    expect(result.version).toBe(3);
  });

  test.each([1, 2, 5, undefined])("schema version %p is rejected", (version) => {
    expect(() => replayJournal({ version, deployment: { resources: [] } }, [], replayOptions)).toThrow(JournalReplayError);
  });

  test.each([
    { name: "resources not an array", deployment: { resources: {} } },
    { name: "resource not an object", deployment: { resources: ["urn"] } },
    { name: "pending operation without resource", deployment: { pending_operations: [{ type: "creating" }] } },
  ])("base with $name is rejected", ({ deployment }) => {
    const malformed = { version: 3, deployment } as unknown as UntypedDeployment; // deliberately malformed input

    expect(() => replayJournal(malformed, [], replayOptions)).toThrow(JournalReplayError);
  });
});

describe("replayJournal entry validation", () => {
  test.each([
    { name: "string sequence ID", patch: { sequenceID: "1" } },
    { name: "fractional operation ID", patch: { operationID: 1.5 } },
    { name: "missing kind", patch: { kind: undefined } },
    { name: "string removeOld", patch: { removeOld: "0" } },
    { name: "array state", patch: { state: [] } },
    { name: "operation without resource", patch: { operation: { type: "creating" } } },
    { name: "snippets not an array", patch: { snippets: {} } },
    { name: "newSnapshot with bad resources", patch: { newSnapshot: { resources: 1 } } },
  ])("$name is rejected", ({ patch }) => {
    const malformed = { ...entryOf(1, Success, 1), ...patch } as unknown as JournalEntry; // deliberately malformed input

    expect(() => replayJournal(undefined, [malformed], replayOptions)).toThrow(JournalReplayError);
  });
});
