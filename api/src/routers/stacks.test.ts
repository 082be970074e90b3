import { afterAll, beforeAll, describe, expect, test } from "bun:test";

import { testDatabaseTargets } from "@procella/db/testing";

import { isSecretValue } from "../display.ts";
import { alice, type ApiTestBed, createApiTestBed, mia, olga, runUpdate, sampleDeployment, sampleEvents, stringUrn, victor } from "../testing.ts";

const dev = { org: "acme", project: "web", stack: "dev" };

describe.each(testDatabaseTargets())("stacks router on %s", (kind) => {
  let bed: ApiTestBed;

  beforeAll(async () => {
    bed = await createApiTestBed(kind);
    const { stacks } = bed.services;
    const stack = await stacks.createStack(alice, { orgName: "acme", projectName: "web", stackName: "dev" }, { tags: { team: "blue" } });
    await stacks.createStack(alice, { orgName: "acme", projectName: "web", stackName: "prod" }, {});
    await stacks.createStack(alice, { orgName: "acme", projectName: "api", stackName: "staging" }, { tags: { team: "red" } });
    await stacks.createStack(olga, { orgName: "globex", projectName: "web", stackName: "secret-plans" }, {});
    await runUpdate(bed.services, alice, stack, { deployment: sampleDeployment(), events: sampleEvents() });
  });
  afterAll(async () => {
    await bed?.dispose();
  });

  test("list shows only the caller's organizations", async () => {
    const result = await bed.as(alice).stacks.list({});
    const names = result.stacks.map((stack) => `${stack.org}/${stack.project}/${stack.stack}`);
    expect(names).toEqual(["acme/api/staging", "acme/web/dev", "acme/web/prod"]);
    expect((await bed.as(olga).stacks.list({})).stacks.map((stack) => stack.stack)).toEqual(["secret-plans"]);
  });

  test("list carries the latest update", async () => {
    const result = await bed.as(victor).stacks.list({ search: "dev" });
    expect(result.stacks).toHaveLength(1);
    const [dev] = result.stacks;
    expect(dev?.latestUpdate?.status).toBe("succeeded");
    expect(dev?.resourceCount).toBe(3);
    expect(dev?.lastUpdatedAt).not.toBeNull();
  });

  test("list filters by tag and project", async () => {
    const byTag = await bed.as(alice).stacks.list({ tagName: "team", tagValue: "red" });
    expect(byTag.stacks.map((stack) => stack.stack)).toEqual(["staging"]);
    const byProject = await bed.as(alice).stacks.list({ project: "web" });
    expect(byProject.stacks.map((stack) => stack.stack)).toEqual(["dev", "prod"]);
  });

  test("list pages with a cursor", async () => {
    const first = await bed.as(alice).stacks.list({ pageSize: 2 });
    expect(first.stacks).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await bed.as(alice).stacks.list({ pageSize: 2, cursor: first.nextCursor ?? undefined });
    expect(second.stacks.map((stack) => stack.stack)).toEqual(["prod"]);
    expect(second.nextCursor).toBeNull();
  });

  test("list of another organization is not found", async () => {
    await expect(bed.as(alice).stacks.list({ organization: "globex" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  test("get masks secret outputs", async () => {
    const stack = await bed.as(victor).stacks.get(dev);
    expect(stack.outputs.url).toBe("https://example.test");
    expect(isSecretValue(stack.outputs.password)).toBe(true);
    expect(JSON.stringify(stack)).not.toContain("djE6c2VjcmV0");
    expect(stack.tags).toEqual({ team: "blue" });
  });

  test("get reports permissions by role", async () => {
    expect((await bed.as(victor).stacks.get(dev)).permissions).toMatchObject({ canEditTags: false, canDelete: false });
    expect((await bed.as(mia).stacks.get(dev)).permissions).toMatchObject({ canEditTags: true, canDelete: false });
    expect((await bed.as(alice).stacks.get(dev)).permissions).toMatchObject({ canEditTags: true, canDelete: true });
  });

  test("outsider gets not found", async () => {
    await expect(bed.as(olga).stacks.get(dev)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(bed.as(olga).stacks.resources(dev)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  test("unauthenticated caller is rejected", async () => {
    await expect(bed.as(undefined).stacks.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  test("missing stack is not found with its name", async () => {
    await expect(bed.as(alice).stacks.get({ ...dev, stack: "nope" })).rejects.toThrow("acme/web/nope");
  });

  test("invalid names are rejected", async () => {
    await expect(bed.as(alice).stacks.get({ ...dev, stack: "a b" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(bed.as(alice).stacks.get({ ...dev, org: "x" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  test("resources lists parents and providers", async () => {
    const { resources, version } = await bed.as(victor).stacks.resources(dev);
    expect(version).toBe(1);
    const child = resources.find((resource) => resource.urn === stringUrn);
    expect(child?.name).toBe("<img src=x onerror=alert(1)>");
    expect(child?.parent).toContain("pulumi:pulumi:Stack");
    expect(child?.provider?.id).toBe("prov-1");
    expect(child?.inputs).toEqual({ length: 8 });
  });

  test("resources of an unknown version is not found", async () => {
    await expect(bed.as(alice).stacks.resources({ ...dev, version: 99 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  test("viewer cannot change tags or delete", async () => {
    await expect(bed.as(victor).stacks.setTags({ ...dev, tags: {} })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(bed.as(victor).stacks.delete({ ...dev, force: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(bed.as(mia).stacks.delete({ ...dev, force: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  test("member replaces tags", async () => {
    await bed.as(mia).stacks.setTags({ ...dev, tags: { team: "green", tier: "1" } });
    expect((await bed.as(victor).stacks.get(dev)).tags).toEqual({ team: "green", tier: "1" });
  });

  test("invalid tag is rejected with its message", async () => {
    await expect(bed.as(alice).stacks.setTags({ ...dev, tags: { "bad tag": "x" } })).rejects.toThrow("Invalid stack tag");
  });

  test("admin deletes an empty stack but not one with resources", async () => {
    await expect(bed.as(alice).stacks.delete(dev)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await bed.as(alice).stacks.delete({ ...dev, stack: "prod" });
    await expect(bed.as(alice).stacks.get({ ...dev, stack: "prod" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
