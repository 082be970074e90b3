import { describe, expect, test } from "bun:test";
import { buildManifest, formatManifestTime, manifestMagic } from "./manifest.ts";

describe("formatManifestTime", () => {
  test.each([
    ["2026-01-02T03:04:05.000Z", "2026-01-02T03:04:05Z"],
    ["2026-01-02T03:04:05.500Z", "2026-01-02T03:04:05.5Z"],
    ["2026-01-02T03:04:05.120Z", "2026-01-02T03:04:05.12Z"],
    ["2026-01-02T03:04:05.123Z", "2026-01-02T03:04:05.123Z"],
    ["2026-01-02T03:04:10.000Z", "2026-01-02T03:04:10Z"],
  ])("formats %s as %s", (iso, expected) => {
    expect(formatManifestTime(new Date(iso))).toBe(expected);
  });
});

describe("manifestMagic", () => {
  test("hashes the version", () => {
    // Computed with `printf %s v3.276.0 | sha256sum`.
    expect(manifestMagic("v3.276.0")).toBe("a8ce862bb3201356034a2d41310dffb289d873f576feb681dd14b5ac87d739dd");
  });

  test("is empty for an empty version", () => {
    expect(manifestMagic("")).toBe("");
  });
});

describe("buildManifest", () => {
  test("lists no plugins", () => {
    const manifest = buildManifest(new Date("2026-01-02T03:04:05Z"), "v3.276.0");

    expect(Object.keys(manifest).sort()).toStrictEqual(["magic", "time", "version"]);
  });
});
