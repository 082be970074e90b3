import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, test } from "bun:test";

import { environmentSchema } from "../packages/config/src/index.ts";
import { repoRoot } from "./tools.ts";

/**
 * Static checks of the Dockerfile and .dockerignore. No container engine
 * runs here, so the image itself is not built by the tests.
 */

interface Instruction {
  keyword: string;
  args: string;
}

interface Stage {
  name: string;
  base: string;
  instructions: Instruction[];
}

/** Splits the Dockerfile into stages of instructions, joining continuation lines and dropping comments. */
function parseDockerfile(text: string): Stage[] {
  const logicalLines: string[] = [];
  let current = "";
  for (const line of text.split("\n")) {
    if (line.trimStart().startsWith("#")) {
      continue;
    }
    if (line.endsWith("\\")) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    current += line;
    if (current.trim() !== "") {
      logicalLines.push(current.trim());
    }
    current = "";
  }

  const stages: Stage[] = [];
  for (const line of logicalLines) {
    const [keyword = "", ...rest] = line.split(/\s+/);
    const args = rest.join(" ");
    if (keyword.toUpperCase() === "FROM") {
      const [base = "", , name = `stage-${stages.length}`] = rest;
      stages.push({ name, base, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}

function dockerignorePatterns(): string[] {
  return readFileSync(path.join(repoRoot, ".dockerignore"), "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#") && !line.startsWith("!"));
}

/** True when a .dockerignore pattern matches the path or one of its parent folders. */
function ignored(relativePath: string, patterns: string[]): boolean {
  const parts = relativePath.split("/");
  const prefixes = parts.map((_, index) => parts.slice(0, index + 1).join("/"));
  return patterns.some((pattern) => prefixes.some((prefix) => new Bun.Glob(pattern).match(prefix)));
}

const stages = parseDockerfile(readFileSync(path.join(repoRoot, "Dockerfile"), "utf8"));
const runtime = stages.at(-1);
const runtimeArgs = (keyword: string) =>
  runtime?.instructions.filter((instruction) => instruction.keyword === keyword).map((instruction) => instruction.args) ?? [];

describe("Dockerfile", () => {
  test("multi-stage with slim runtime", () => {
    expect(stages.map((stage) => stage.name)).toEqual([
      "manifests",
      "install",
      "ui",
      "production-dependencies",
      "runtime",
    ]);
    expect(runtime?.base).toEndWith("-slim");
  });

  test("dashboard stage builds the UI", () => {
    const ui = stages.find((stage) => stage.name === "ui");
    const commands = ui?.instructions.filter((instruction) => instruction.keyword === "RUN").map((run) => run.args);
    expect(commands?.join("\n")).toContain("bun run build:ui");
    expect(runtimeArgs("COPY")).toContain("--from=ui /app/apps/ui/dist ./apps/ui/dist");
  });

  test("runs as a non-root user", () => {
    const users = runtimeArgs("USER");
    expect(users).toHaveLength(1);
    expect(users[0]).not.toMatch(/^(root|0)(:|$)/);
  });

  test("health check calls /healthz script", () => {
    const [healthcheck] = runtimeArgs("HEALTHCHECK");
    expect(healthcheck).toContain('"deploy/healthcheck.ts"');
    expect(existsSync(path.join(repoRoot, "deploy/healthcheck.ts"))).toBe(true);
  });

  test("configuration only through PROCELLA variables", () => {
    const known = Object.keys(environmentSchema.shape);
    const names = runtimeArgs("ENV").flatMap((args) => args.split(/\s+/).map((pair) => pair.split("=")[0] ?? ""));
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => !known.includes(name))).toEqual([]);
    for (const stage of stages) {
      expect(stage.instructions.filter((instruction) => instruction.keyword === "ENV" && stage !== runtime)).toEqual([]);
    }
  });

  test("copied sources exist and are not ignored", () => {
    const patterns = dockerignorePatterns();
    const sources = runtimeArgs("COPY")
      .filter((args) => !args.startsWith("--from="))
      .flatMap((args) => args.split(/\s+/).slice(0, -1));
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect(existsSync(path.join(repoRoot, source))).toBe(true);
      expect(ignored(source, patterns)).toBe(false);
    }
  });

  test("workspace manifests reach the install stage", () => {
    const patterns = dockerignorePatterns();
    const manifests = ["packages/*/package.json", "apps/*/package.json", "api/package.json"].flatMap((pattern) => [
      ...new Bun.Glob(pattern).scanSync({ cwd: repoRoot }),
    ]);
    expect(manifests.length).toBeGreaterThan(0);
    for (const manifest of [...manifests, "package.json", "bun.lock"]) {
      expect(ignored(manifest, patterns)).toBe(false);
    }
  });

  test("build context leaves out local state", () => {
    const patterns = dockerignorePatterns();
    for (const local of [".git", "node_modules", "packages/db/node_modules", ".procella", ".env", "apps/ui/dist"]) {
      expect(ignored(local, patterns)).toBe(true);
    }
  });
});
