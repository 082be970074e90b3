import { describe, expect, test } from "bun:test";
import { baseTypeOf, formatUrn, isValidUrn, parseUrn } from "./urn.ts";

describe("parseUrn", () => {
  test.each([
    {
      urn: "urn:pulumi:dev::shop::aws:s3/bucket:Bucket::assets",
      parts: { stack: "dev", project: "shop", qualifiedType: "aws:s3/bucket:Bucket", name: "assets" },
    },
    {
      urn: "urn:pulumi:dev::shop::my:index:Parent$aws:s3/bucket:Bucket::a::b",
      parts: { stack: "dev", project: "shop", qualifiedType: "my:index:Parent$aws:s3/bucket:Bucket", name: "a::b" },
    },
    {
      urn: "urn:pulumi:dev::shop::t:index:T::",
      parts: { stack: "dev", project: "shop", qualifiedType: "t:index:T", name: "" },
    },
  ])("splits $urn", ({ urn, parts }) => {
    expect(parseUrn(urn)).toStrictEqual(parts);
  });

  test.each(["", "urn:pulumi:dev::shop::type", "urn:other:dev::shop::t::n", "dev::shop::t::n"])(
    "rejects %p",
    (urn) => {
      expect(isValidUrn(urn)).toBe(false);
      expect(parseUrn(urn)).toBeUndefined();
    },
  );
});

describe("formatUrn", () => {
  test("joins parent type with $", () => {
    expect(formatUrn("dev", "shop", "my:index:Parent", "t:index:T", "n")).toBe(
      "urn:pulumi:dev::shop::my:index:Parent$t:index:T::n",
    );
  });

  test("skips root stack and empty parent types", () => {
    expect(formatUrn("dev", "shop", "pulumi:pulumi:Stack", "t:index:T", "n")).toBe("urn:pulumi:dev::shop::t:index:T::n");
    expect(formatUrn("dev", "shop", "", "t:index:T", "n")).toBe("urn:pulumi:dev::shop::t:index:T::n");
  });

  test("base type is the last $ part", () => {
    expect(baseTypeOf("a:b:C$d:e:F")).toBe("d:e:F");
    expect(baseTypeOf("d:e:F")).toBe("d:e:F");
  });
});
