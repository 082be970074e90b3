import { readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, test } from "bun:test";

import { environmentSchema } from "../packages/config/src/index.ts";
import { repoRoot } from "./tools.ts";

const guide = readFileSync(path.join(repoRoot, "docs", "operations.md"), "utf8");

/** Names of the rows of the guide's variable tables: "| `NAME` | ...". */
function documentedVariables(): Set<string> {
  return new Set([...guide.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((match) => match[1] ?? ""));
}

describe("docs/operations.md", () => {
  test("documents every server variable", () => {
    const documented = documentedVariables();
    const missing = Object.keys(environmentSchema.shape).filter((name) => !documented.has(name));
    expect(missing).toEqual([]);
  });

  test("documents every Caddyfile variable", () => {
    const caddyfile = readFileSync(path.join(repoRoot, "Caddyfile"), "utf8")
      .split("\n")
      .filter((line) => !line.trimStart().startsWith("#"))
      .join("\n");
    const used = new Set([...caddyfile.matchAll(/\{\$([A-Z0-9_]+)/g)].map((match) => match[1] ?? ""));
    expect(used.size).toBeGreaterThan(0);
    const documented = documentedVariables();
    expect([...used].filter((name) => !documented.has(name))).toEqual([]);
  });

  test("documents every compose variable", () => {
    const compose = readFileSync(path.join(repoRoot, "docker-compose.yml"), "utf8");
    const used = new Set([...compose.matchAll(/\$\{([A-Z0-9_]+)/g)].map((match) => match[1] ?? ""));
    const documented = documentedVariables();
    expect([...used].filter((name) => !documented.has(name))).toEqual([]);
  });

  test("states the server's default body limit", () => {
    const defaultBytes = environmentSchema.shape.PROCELLA_MAX_BODY_BYTES.parse(undefined);
    expect(guide).toContain(`| \`PROCELLA_MAX_BODY_BYTES\` | \`${defaultBytes}\``);
  });
});
