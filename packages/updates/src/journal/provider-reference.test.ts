import { describe, expect, test } from "bun:test";
import {
  formatProviderReference,
  InvalidProviderReferenceError,
  parseProviderReference,
  unknownProviderId,
} from "./provider-reference.ts";

const providerUrn = "urn:pulumi:dev::shop::pulumi:providers:aws::default_6_0_0";

describe("parseProviderReference", () => {
  test("splits at the last separator", () => {
    expect(parseProviderReference(`${providerUrn}::abc`)).toStrictEqual({ urn: providerUrn, id: "abc" });
  });

  test("accepts an empty ID", () => {
    expect(parseProviderReference(`${providerUrn}::`)).toStrictEqual({ urn: providerUrn, id: "" });
  });

  test("accepts a provider nested in a component", () => {
    const nested = "urn:pulumi:dev::shop::my:index:Comp$pulumi:providers:aws::p";

    expect(parseProviderReference(`${nested}::id`).urn).toBe(nested);
  });

  test.each([
    ["no separator", "abc"],
    ["invalid URN", "urn:pulumi:dev::shop::id"],
    ["not a provider type", "urn:pulumi:dev::shop::aws:s3/bucket:Bucket::b::id"],
    ["type without module member", "urn:pulumi:dev::shop::pulumi:providers::p::id"],
  ])("rejects %s", (_name, reference) => {
    expect(() => parseProviderReference(reference)).toThrow(InvalidProviderReferenceError);
  });
});

describe("formatProviderReference", () => {
  test("joins URN and ID", () => {
    expect(formatProviderReference(providerUrn, "abc")).toBe(`${providerUrn}::abc`);
  });

  test("replaces an empty ID", () => {
    expect(formatProviderReference(providerUrn, "")).toBe(`${providerUrn}::${unknownProviderId}`);
  });
});
