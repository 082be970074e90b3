import { describe, expect, test } from "bun:test";

import { groupByProject, parseTagFilter } from "./filters.ts";

describe("parseTagFilter", () => {
  test.each([
    ["", {}],
    ["team", { tagName: "team" }],
    [" team = blue ", { tagName: "team", tagValue: "blue" }],
    ["team=", { tagName: "team", tagValue: "" }],
    ["=blue", {}],
  ])("%p", (text, expected) => {
    expect(parseTagFilter(text)).toEqual(expected);
  });
});

describe("groupByProject", () => {
  test("groups in order of first appearance", () => {
    const groups = groupByProject([
      { org: "acme", project: "api", stack: "a" },
      { org: "acme", project: "web", stack: "b" },
      { org: "acme", project: "web", stack: "c" },
    ]);
    expect(groups.map((group) => [group.key, group.stacks.length])).toEqual([
      ["acme/api", 1],
      ["acme/web", 2],
    ]);
  });
});
