import { describe, expect, test } from "bun:test";
import { JournalReplayError } from "./errors.ts";
import { JournalReplayer } from "./replayer.ts";
import { deepFreeze, entryOf, expectedManifest, replayOptions, resourceOf } from "./test-fixtures.ts";
import {
  JournalEntryKind,
  type DeploymentV3,
  type JournalEntry,
  type OperationV2,
  type ResourceV3,
  type UntypedDeployment,
} from "./types.ts";

const { Begin, Success, Failure, RefreshSuccess, Outputs, Write, SecretsManager, RebuiltBaseState, Snippets } =
  JournalEntryKind;

const a = resourceOf("test:index:Thing", "a", { id: "a-1" });
const b = resourceOf("test:index:Thing", "b", { id: "b-1" });
const c = resourceOf("test:index:Thing", "c", { id: "c-1" });
const n1 = resourceOf("test:index:Thing", "n1", { id: "n1-1" });
const n2 = resourceOf("test:index:Thing", "n2", { id: "n2-1" });

function replay(base: DeploymentV3 | undefined, entries: JournalEntry[]): UntypedDeployment & { deployment: DeploymentV3 } {
  const replayer = new JournalReplayer(deepFreeze(structuredClone(base)), replayOptions);
  for (const entry of deepFreeze(structuredClone(entries))) {
    replayer.add(entry);
  }
  return replayer.generate();
}

interface ResourceCase {
  name: string;
  base: ResourceV3[];
  entries: JournalEntry[];
  expected: ResourceV3[];
}

const resourceCases: ResourceCase[] = [
  {
    name: "untouched base is kept in order",
    base: [a, b],
    entries: [],
    expected: [a, b],
  },
  {
    name: "new resources precede the base",
    base: [a],
    entries: [entryOf(1, Success, 1, { state: n1 }), entryOf(2, Success, 2, { state: n2 })],
    expected: [n1, n2, a],
  },
  {
    name: "removeOld drops a base resource",
    base: [a, b, c],
    entries: [entryOf(1, Success, 1, { state: { ...b, id: "b-2" }, removeOld: 1 })],
    expected: [{ ...b, id: "b-2" }, a, c],
  },
  {
    name: "removeNew drops a new resource",
    base: [],
    entries: [
      entryOf(1, Success, 1, { state: n1 }),
      entryOf(2, Success, 2, { state: n2 }),
      entryOf(3, Success, 3, { removeNew: 2 }),
    ],
    expected: [n1],
  },
  {
    name: "deleteOld marks a base resource",
    base: [a, b],
    entries: [entryOf(1, Success, 1, { state: n1, deleteOld: 0 })],
    expected: [n1, { ...a, delete: true }, b],
  },
  {
    name: "deleteNew marks a new resource",
    base: [],
    entries: [entryOf(1, Success, 1, { state: n1 }), entryOf(2, Success, 2, { state: n2, deleteNew: 1 })],
    expected: [{ ...n1, delete: true }, n2],
  },
  {
    name: "pendingReplacementOld marks a base resource",
    base: [a],
    entries: [entryOf(1, Success, 1, { pendingReplacementOld: 0 })],
    expected: [{ ...a, pendingReplacement: true }],
  },
  {
    name: "pendingReplacementNew marks a new resource",
    base: [],
    entries: [entryOf(1, Success, 1, { state: n1 }), entryOf(2, Success, 2, { pendingReplacementNew: 1 })],
    expected: [{ ...n1, pendingReplacement: true }],
  },
  {
    name: "failure leaves the base resource",
    base: [a],
    entries: [entryOf(1, Begin, 1), entryOf(2, Failure, 1, { state: { ...a, id: "a-2" }, removeOld: 0 })],
    expected: [a],
  },
  {
    name: "outputs replace a base resource",
    base: [a, b],
    entries: [entryOf(1, Outputs, 1, { removeOld: 1, state: { ...b, outputs: { x: 1 } } })],
    expected: [a, { ...b, outputs: { x: 1 } }],
  },
  {
    name: "outputs replace a new resource",
    base: [],
    entries: [entryOf(1, Success, 4, { state: n1 }), entryOf(2, Outputs, 5, { removeNew: 4, state: { ...n1, outputs: { x: 1 } } })],
    expected: [{ ...n1, outputs: { x: 1 } }],
  },
  {
    name: "outputs without state change nothing",
    base: [a],
    entries: [entryOf(1, Outputs, 1, { removeOld: 0 })],
    expected: [a],
  },
  {
    name: "refresh replaces a base resource in place",
    base: [a, b],
    entries: [entryOf(1, RefreshSuccess, 1, { removeOld: 0, state: { ...a, outputs: { x: 2 } } })],
    expected: [{ ...a, outputs: { x: 2 } }, b],
  },
  {
    name: "refresh without state drops a base resource",
    base: [a, b],
    entries: [entryOf(1, RefreshSuccess, 1, { removeOld: 0 })],
    expected: [b],
  },
  {
    name: "refresh without state drops a new resource",
    base: [],
    entries: [entryOf(1, Success, 1, { state: n1 }), entryOf(2, RefreshSuccess, 2, { removeNew: 1 })],
    expected: [],
  },
  {
    name: "refresh state replaces a new resource",
    base: [],
    entries: [entryOf(1, Success, 1, { state: n1 }), entryOf(2, RefreshSuccess, 2, { removeNew: 1, state: n2 })],
    expected: [n2],
  },
  {
    name: "replacement state wins over marks",
    base: [a],
    entries: [
      entryOf(1, Success, 1, { deleteOld: 0, pendingReplacementOld: 0 }),
      entryOf(2, Outputs, 2, { removeOld: 0, state: { ...a, outputs: { x: 3 } } }),
    ],
    expected: [{ ...a, outputs: { x: 3 } }],
  },
  {
    name: "removeOld wins over a replacement state",
    base: [a],
    entries: [
      entryOf(1, RefreshSuccess, 1, { removeOld: 0, state: { ...a, outputs: { x: 3 } } }),
      entryOf(2, Success, 2, { removeOld: 0 }),
    ],
    expected: [],
  },
  {
    name: "removeNew of an operation without state hits the first new resource",
    // The CLI's Go map lookup yields position 0 for an unknown operation; this pins that behaviour.
    base: [],
    entries: [entryOf(1, Success, 1, { state: n1 }), entryOf(2, Success, 2, { state: n2 }), entryOf(3, Success, 3, { removeNew: 99 })],
    expected: [n2],
  },
  {
    name: "unknown entry kind is skipped",
    base: [a],
    entries: [entryOf(1, 42 as JournalEntryKind, 1, { removeOld: 0 })],
    expected: [a],
  },
];

describe("JournalReplayer resources", () => {
  test.each(resourceCases)("$name", ({ base, entries, expected }) => {
    const result = replay({ resources: base }, entries);

    expect(result.deployment.resources ?? []).toStrictEqual(expected);
  });
});

describe("JournalReplayer pending operations", () => {
  const creating: OperationV2 = { type: "creating", resource: a };
  const updating: OperationV2 = { type: "updating", resource: b };

  test("unfinished begins become pending operations", () => {
    const result = replay(undefined, [
      entryOf(1, Begin, 1, { operation: creating }),
      entryOf(2, Begin, 2, { operation: updating }),
      entryOf(3, Begin, 3),
      entryOf(4, Success, 2, { state: b }),
    ]);

    expect(result.deployment.pending_operations).toStrictEqual([creating]);
  });

  test("base keeps only pending creates", () => {
    const result = replay({ pending_operations: [updating, creating] }, []);

    expect(result.deployment.pending_operations).toStrictEqual([creating]);
  });

  test("no pending operations omits the field", () => {
    const result = replay({ pending_operations: [updating] }, []);

    expect(Object.hasOwn(result.deployment, "pending_operations")).toBe(false);
  });
});

describe("JournalReplayer base-level entries", () => {
  test("write replaces the base", () => {
    const result = replay({ resources: [a], metadata: { integrity_error: { error: "old" } } }, [
      entryOf(1, Write, 0, { newSnapshot: { resources: [b, c], metadata: {} } }),
      entryOf(2, Success, 1, { state: n1, removeOld: 0 }),
    ]);

    expect(result.deployment.resources).toStrictEqual([n1, c]);
    expect(result.deployment.metadata).toStrictEqual({});
  });

  test("write without snapshot is rejected", () => {
    expect(() => replay(undefined, [entryOf(7, Write, 0)])).toThrow(JournalReplayError);
  });

  test("secrets manager sets a missing provider", () => {
    const provider = { type: "passphrase", state: { salt: "v1:abc" } };

    const result = replay(undefined, [entryOf(1, SecretsManager, 0, { secretsProvider: provider })]);

    expect(result.deployment.secrets_providers).toStrictEqual(provider);
  });

  test("secrets manager replaces a different provider", () => {
    const old = { type: "service", state: { stack: "dev" } };
    const replacement = { type: "service", state: { stack: "prod" } };

    const result = replay({ secrets_providers: old }, [entryOf(1, SecretsManager, 0, { secretsProvider: replacement })]);

    expect(result.deployment.secrets_providers).toStrictEqual(replacement);
  });

  test("secrets manager keeps an identical provider", () => {
    const current = { type: "service", state: { stack: "dev" }, note: "base copy" };
    const incoming = { type: "service", state: { stack: "dev" } };

    const result = replay({ secrets_providers: current }, [entryOf(1, SecretsManager, 0, { secretsProvider: incoming })]);

    expect(result.deployment.secrets_providers).toStrictEqual(current);
  });

  test("secrets manager without provider is rejected", () => {
    const base = { secrets_providers: { type: "service" } };

    expect(() => replay(base, [entryOf(1, SecretsManager, 0)])).toThrow(JournalReplayError);
  });

  test("snippets entry replaces and clears snippets", () => {
    const snippet = { uuid: "u1", name: "s", type: "test:index:Thing", code: "{}", descriptor: { name: "test" } };

    const set = replay(undefined, [entryOf(1, Snippets, 0, { snippets: [snippet] })]);
    const cleared = replay({ snippets: [snippet] }, [entryOf(1, Snippets, 0)]);

    expect(set.deployment.snippets).toStrictEqual([snippet]);
    expect(set.features).toStrictEqual(["snippets-prototype"]);
    expect(Object.hasOwn(cleared.deployment, "snippets")).toBe(false);
  });

  test("extensions merge with the base winning", () => {
    const collected = { name: "ext", version: "1.0.0", value: "AQ==" };
    const collectedOther = { name: "other", version: "2.0.0", value: "Ag==" };
    const fromBase = { name: "ext", version: "0.9.0", value: "AA==" };

    const result = replay({ extensions: { shared: fromBase } }, [
      entryOf(1, JournalEntryKind.ExtensionParameterize, 1, { extensionRef: "shared", extension: collected }),
      entryOf(2, JournalEntryKind.ExtensionParameterize, 2, { extensionRef: "fresh", extension: collectedOther }),
    ]);

    expect(result.deployment.extensions).toStrictEqual({ shared: fromBase, fresh: collectedOther });
  });

  test("unknown base fields are carried over", () => {
    const result = replay({ resources: [a], futureSection: { x: 1 } }, []);

    expect(result.deployment.futureSection).toStrictEqual({ x: 1 });
  });

  test("manifest is rebuilt and metadata defaults to empty", () => {
    const result = replay({ manifest: { time: "2020-01-01T00:00:00Z", magic: "", version: "v1.0.0", plugins: [] } }, []);

    expect(result.deployment.manifest).toStrictEqual(expectedManifest);
    expect(result.deployment.metadata).toStrictEqual({});
  });
});

describe("JournalReplayer rebuilt base state", () => {
  test("later entries index into the rebuilt base", () => {
    const result = replay({ resources: [a, b] }, [
      entryOf(1, RefreshSuccess, 1, { removeOld: 0 }),
      entryOf(2, RebuiltBaseState, 0),
      // After the rebuild, index 0 is b.
      entryOf(3, Success, 2, { state: { ...b, id: "b-2" }, removeOld: 0 }),
    ]);

    expect(result.deployment.resources).toStrictEqual([{ ...b, id: "b-2" }]);
  });

  test("unfinished operations before the rebuild stay pending", () => {
    const creating: OperationV2 = { type: "creating", resource: n1 };

    const result = replay(undefined, [entryOf(1, Begin, 1, { operation: creating }), entryOf(2, RebuiltBaseState, 0)]);

    expect(result.deployment.pending_operations).toStrictEqual([creating]);
  });
});

describe("JournalReplayer invalid references", () => {
  test("deleteNew without new resources is rejected", () => {
    const run = (): unknown => replay(undefined, [entryOf(5, Success, 1, { deleteNew: 1 })]);

    expect(run).toThrow(JournalReplayError);
    expect(run).toThrow(/entry 5/);
  });

  test("extension entry without blob is rejected", () => {
    expect(() =>
      replay(undefined, [entryOf(1, JournalEntryKind.ExtensionParameterize, 1, { extensionRef: "x" })]),
    ).toThrow(JournalReplayError);
  });
});

describe("JournalReplayer features", () => {
  const featureCases: Array<{ name: string; resource: ResourceV3; feature: string }> = [
    { name: "refreshBeforeUpdate", resource: { ...a, refreshBeforeUpdate: true }, feature: "refreshBeforeUpdate" },
    { name: "viewOf", resource: { ...a, viewOf: b.urn }, feature: "views" },
    { name: "resourceHooks", resource: { ...a, resourceHooks: { beforeCreate: ["h"] } }, feature: "hooks" },
    { name: "taint", resource: { ...a, taint: true }, feature: "taint" },
    { name: "replaceWith", resource: { ...a, replaceWith: [b.urn] }, feature: "replaceWith" },
    { name: "extensionRef", resource: { ...a, extensionRef: "ext" }, feature: "extensionParameterization" },
    { name: "snippetID", resource: { ...a, snippetID: "u1" }, feature: "snippets-prototype" },
  ];

  test.each(featureCases)("$name needs $feature", ({ resource, feature }) => {
    const result = replay({ resources: [resource, b] }, []);

    expect(result.version).toBe(4);
    expect(result.features).toStrictEqual([feature]);
  });

  test("empty values need no feature", () => {
    const plain = { ...a, refreshBeforeUpdate: false, viewOf: "", resourceHooks: {}, replaceWith: [], taint: false };

    const result = replay({ resources: [plain] }, []);

    expect(result.version).toBe(3);
    expect(Object.hasOwn(result, "features")).toBe(false);
  });

  test("features are sorted", () => {
    const result = replay({ resources: [{ ...a, taint: true }, { ...b, refreshBeforeUpdate: true }] }, [
      entryOf(1, Begin, 1, { operation: { type: "creating", resource: { ...c, viewOf: a.urn } } }),
    ]);

    expect(result.features).toStrictEqual(["refreshBeforeUpdate", "taint", "views"]);
  });

  test("byte strings need a resource to be recorded", () => {
    const marker = entryOf(1, Success, 1, { requiresByteString: true });

    const withResource = replay({ resources: [a] }, [marker]);
    const withoutResource = replay(undefined, [marker]);

    expect(withResource.features).toStrictEqual(["byteString"]);
    // The CLI records the flag per resource it emits, so an empty deployment stays version 3.
    expect(withoutResource.version).toBe(3);
  });
});

describe("JournalReplayer null fields", () => {
  test("null base fields read as absent", () => {
    const base = { resources: null, pending_operations: null, secrets_providers: null, snippets: null, extensions: null, metadata: null };
    const provider = { type: "service", state: { stack: "dev" } };

    const result = replay(base as unknown as DeploymentV3, [entryOf(1, SecretsManager, 0, { secretsProvider: provider })]); // deliberately null-filled base

    expect(result.deployment).toStrictEqual({ manifest: expectedManifest, metadata: {}, secrets_providers: provider });
  });
});
