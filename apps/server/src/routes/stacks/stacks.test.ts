import { afterAll, beforeAll, describe, expect, test } from "bun:test";

import { testDatabaseTargets } from "@procella/db/testing";

import { adminToken, cliHeaders, createTestApp, outsiderToken, type TestApp, viewerToken } from "../../testing.ts";

describe.each(testDatabaseTargets())("stacks API on %s", (kind) => {
  let t: TestApp;

  const call = (method: string, path: string, token: string | undefined = adminToken, body?: unknown) =>
    t.app.request(path, {
      method,
      headers: cliHeaders(token),
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });

  beforeAll(async () => {
    t = await createTestApp(kind);
  });

  afterAll(async () => {
    await t.dispose();
  });

  test("create, get and list a stack", async () => {
    const created = await call("POST", "/api/stacks/acme/web", adminToken, { stackName: "dev", tags: { team: "a" } });
    expect(created.status).toBe(200);
    expect(await created.json()).toEqual({});

    const stack = await (await call("GET", "/api/stacks/acme/web/dev")).json();
    expect(stack).toMatchObject({ orgName: "acme", projectName: "web", stackName: "dev", tags: { team: "a" }, version: 0 });
    expect(stack.activeUpdate).toBe("");

    const list = await (await call("GET", "/api/user/stacks?organization=acme&project=web")).json();
    expect(list.stacks.map((s: { stackName: string }) => s.stackName)).toEqual(["dev"]);
  });

  test("second create conflicts", async () => {
    const response = await call("POST", "/api/stacks/acme/web", adminToken, { stackName: "dev" });
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ code: 409, message: "Stack 'acme/web/dev' already exists." });
  });

  test("paging follows continuation tokens", async () => {
    for (const name of ["p1", "p2", "p3"]) {
      await call("POST", "/api/stacks/acme/paged", adminToken, { stackName: name });
    }
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const query = new URLSearchParams({ project: "paged" });
      if (token) query.set("continuationToken", token);
      const page = await (await call("GET", `/api/user/stacks?${query}`)).json();
      seen.push(...page.stacks.map((s: { stackName: string }) => s.stackName));
      token = page.continuationToken ?? undefined;
      pages++;
    } while (token && pages < 10);
    expect(seen).toEqual(["p1", "p2", "p3"]);
  });

  test("tag filter", async () => {
    const withTag = await (await call("GET", "/api/user/stacks?tagName=team")).json();
    expect(withTag.stacks.map((s: { stackName: string }) => s.stackName)).toEqual(["dev"]);
    const wrongValue = await (await call("GET", "/api/user/stacks?tagName=team&tagValue=b")).json();
    expect(wrongValue.stacks).toEqual([]);
  });

  test("export of a new stack is an empty v3 deployment", async () => {
    const response = await call("GET", "/api/stacks/acme/web/dev/export");
    const body = await response.json();
    expect(body.version).toBe(3);
    expect(body.deployment.manifest.time).toBe("0001-01-01T00:00:00Z");
    expect((await call("GET", "/api/stacks/acme/web/dev/export/1")).status).toBe(404);
  });

  test("viewer reads but cannot write", async () => {
    expect((await call("GET", "/api/stacks/acme/web/dev", viewerToken)).status).toBe(200);
    expect((await call("GET", "/api/stacks/acme/web/dev/export", viewerToken)).status).toBe(200);
    const create = await call("POST", "/api/stacks/acme/web", viewerToken, { stackName: "nope" });
    expect(create.status).toBe(403);
    expect((await create.json()).message).toContain("member");
    expect((await call("DELETE", "/api/stacks/acme/web/dev", viewerToken)).status).toBe(403);
    expect((await call("GET", "/api/stacks/acme/web/nope")).status).toBe(404);
  });

  test("other org's stacks are invisible", async () => {
    expect((await call("GET", "/api/stacks/acme/web/dev", outsiderToken)).status).toBe(404);
    const list = await (await call("GET", "/api/user/stacks", outsiderToken)).json();
    expect(list.stacks).toEqual([]);
    expect((await call("GET", "/api/user/stacks?organization=acme", outsiderToken)).status).toBe(404);
  });

  test("rename within and across projects", async () => {
    await call("POST", "/api/stacks/acme/web", adminToken, { stackName: "to-rename" });
    const within = await call("POST", "/api/stacks/acme/web/to-rename/rename", adminToken, {
      newName: "renamed",
      newProject: "web",
    });
    expect(within.status).toBe(204);
    const across = await call("POST", "/api/stacks/acme/web/renamed/rename", adminToken, {
      newName: "moved",
      newProject: "api",
    });
    expect(across.status).toBe(204);
    expect((await call("GET", "/api/stacks/acme/api/moved")).status).toBe(200);
    expect((await call("GET", "/api/stacks/acme/web/renamed")).status).toBe(404);
    const clash = await call("POST", "/api/stacks/acme/api/moved/rename", adminToken, { newName: "dev", newProject: "web" });
    expect(clash.status).toBe(409);
  });

  test("delete of an empty stack", async () => {
    await call("POST", "/api/stacks/acme/web", adminToken, { stackName: "doomed" });
    expect((await call("DELETE", "/api/stacks/acme/web/doomed?force=false")).status).toBe(204);
    expect((await call("GET", "/api/stacks/acme/web/doomed")).status).toBe(404);
  });

  test("project existence", async () => {
    expect((await call("HEAD", "/api/stacks/acme/web")).status).toBe(200);
    expect((await call("HEAD", "/api/stacks/acme/nothing-here")).status).toBe(404);
  });
});
