import { describe, expect, test } from "bun:test";
import { renamePropertyValue } from "./property-values.ts";

const signatureKey = "4dabf18193072939515e22adb298388d";
const reference = (urn: string): Record<string, unknown> => ({ [signatureKey]: "5cf8f73096256a8f31e491e813e4eb8e", urn });
const rename = (urn: string): string => urn.replace("::dev::", "::qa::");

describe("renamePropertyValue", () => {
  test("shares unchanged values", () => {
    const value = { a: [1, "urn:pulumi::dev::x"], b: { c: reference("urn:other") } };

    expect(renamePropertyValue(value, rename)).toBe(value);
  });

  test("copies only the changed path", () => {
    const untouched = { keep: [1, 2] };
    const value = { untouched, changed: [reference("urn:pulumi::dev::x")] };

    const result = renamePropertyValue(value, rename) as typeof value;

    expect(result).not.toBe(value);
    expect(result.untouched).toBe(untouched);
    expect(result.changed[0]).toStrictEqual(reference("urn:pulumi::qa::x"));
    expect(value.changed[0]).toStrictEqual(reference("urn:pulumi::dev::x"));
  });

  test("keeps reference fields other than urn", () => {
    const value = { ...reference("urn:pulumi::dev::x"), id: { [signatureKey]: "5cf8f73096256a8f31e491e813e4eb8e", urn: "urn:pulumi::dev::y" } };

    const result = renamePropertyValue(value, rename) as Record<string, unknown>;

    // The CLI stops at the reference's own urn and does not descend into its other fields.
    expect(result.urn).toBe("urn:pulumi::qa::x");
    expect(result.id).toBe(value.id);
  });

  test.each([null, 1, "urn:pulumi::dev::x", true, undefined])("returns scalar %p unchanged", (value) => {
    expect(renamePropertyValue(value, rename)).toBe(value);
  });
});
