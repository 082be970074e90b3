import { describe, expect, test } from "bun:test";

import { applyPatch, computePatch } from "./text-patch.ts";

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

function deployment(time: string, resources: { urn: string; value: string }[]) {
  return encode({
    version: 3,
    deployment: { manifest: { time, magic: "", version: "v3" }, resources: resources.map((r) => ({ urn: r.urn, outputs: { v: r.value } })) },
  });
}

const many = (count: number, changed = -1) =>
  Array.from({ length: count }, (_, index) => ({ urn: `urn:pulumi:dev::p::t::r${index}`, value: index === changed ? "new" : "old" }));

describe("text patch", () => {
  test.each([
    ["identical", deployment("t1", many(5)), deployment("t1", many(5))],
    ["new manifest time", deployment("t1", many(5)), deployment("t2", many(5))],
    ["one resource changed", deployment("t1", many(50)), deployment("t2", many(50, 17))],
    ["resource added", deployment("t1", many(3)), deployment("t2", many(4))],
    ["resource removed", deployment("t1", many(4)), deployment("t2", many(3))],
    ["reordered", deployment("t1", many(4)), deployment("t1", many(4).reverse())],
    ["empty base", new Uint8Array(), deployment("t1", many(2))],
    ["empty target", deployment("t1", many(2)), new Uint8Array()],
    ["non-ASCII", deployment("t1", [{ urn: "urn:a", value: "ünïcødé ✓" }]), deployment("t2", [{ urn: "urn:a", value: "日本語" }])],
  ])("round trip: %s", (_, base, target) => {
    const patch = computePatch(base, target);
    expect(Buffer.from(applyPatch(base, patch))).toEqual(Buffer.from(target));
  });

  test("size follows the change, not the document", () => {
    const base = deployment("t1", many(2000));
    const target = deployment("t2", many(2000, 1000));
    const patchBytes = JSON.stringify(computePatch(base, target)).length;
    expect(base.byteLength).toBeGreaterThan(100_000);
    expect(patchBytes).toBeLessThan(1000);
  });

  test("moved resources are copied, not inserted", () => {
    const base = deployment("t1", many(200));
    const target = deployment("t1", many(200).reverse());
    const patch = computePatch(base, target);
    expect(patch.ops.filter((op) => typeof op === "string").join("").length).toBeLessThan(200);
  });

  test("identical neighbours merge into one copy", () => {
    const text = deployment("t1", many(100));
    expect(computePatch(text, text).ops).toEqual([[0, text.byteLength]]);
  });

  test("rejects copy ranges outside the base", () => {
    expect(() => applyPatch(new Uint8Array(4), { ops: [[0, 10]] })).toThrow("outside the base");
  });
});
