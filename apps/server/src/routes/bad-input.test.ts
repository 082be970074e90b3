import { afterAll, beforeAll, describe, expect, test } from "bun:test";

import { testDatabaseTargets } from "@procella/db/testing";

import { adminToken, cliHeaders, createTestApp, type TestApp } from "../testing.ts";

interface BadRequestCase {
  name: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
  status: number;
  message: string;
}

const oversized = JSON.stringify({ stackName: "big", tags: { filler: "x".repeat(2 * 1024 * 1024) } });

const cases: BadRequestCase[] = [
  {
    name: "invalid stack name",
    method: "POST",
    path: "/api/stacks/acme/web",
    body: JSON.stringify({ stackName: "bad name!" }),
    status: 400,
    message: "Invalid stack name",
  },
  {
    name: "invalid project name",
    method: "POST",
    path: "/api/stacks/acme/web%20site",
    body: JSON.stringify({ stackName: "dev" }),
    status: 400,
    message: "Invalid project name",
  },
  {
    name: "invalid org name",
    method: "GET",
    path: "/api/stacks/a/web/dev",
    status: 400,
    message: "Invalid organization name",
  },
  {
    name: "unknown org",
    method: "POST",
    path: "/api/stacks/initech/web",
    body: JSON.stringify({ stackName: "dev" }),
    status: 404,
    message: "Organization 'initech' not found",
  },
  {
    name: "malformed JSON",
    method: "POST",
    path: "/api/stacks/acme/web",
    body: "{not json",
    status: 400,
    message: "Invalid JSON",
  },
  {
    name: "missing field",
    method: "POST",
    path: "/api/stacks/acme/web",
    body: JSON.stringify({ tags: {} }),
    status: 400,
    message: "stackName",
  },
  {
    name: "wrong auth scheme",
    method: "GET",
    path: "/api/user",
    headers: { Authorization: `Bearer ${adminToken}` },
    status: 401,
    message: "unsupported Authorization scheme 'bearer'",
  },
  {
    name: "missing token",
    method: "GET",
    path: "/api/user",
    headers: { Authorization: "" },
    status: 401,
    message: "no access token",
  },
  {
    name: "wrong token",
    method: "GET",
    path: "/api/user",
    headers: { Authorization: "token wrong-token-0123456789" },
    status: 401,
    message: "invalid",
  },
  {
    name: "missing Accept",
    method: "GET",
    path: "/api/user",
    headers: { Accept: "application/json" },
    status: 406,
    message: "application/vnd.pulumi+N",
  },
  {
    name: "body over the limit",
    method: "POST",
    path: "/api/stacks/acme/web",
    body: oversized,
    status: 413,
    message: "too large",
  },
  {
    name: "gzip bomb",
    method: "POST",
    path: "/api/stacks/acme/web",
    headers: { "Content-Encoding": "gzip" },
    body: Bun.gzipSync(new TextEncoder().encode(`{"stackName":"bomb","x":"${"0".repeat(8 * 1024 * 1024)}"}`)),
    status: 413,
    message: "decompressed request body",
  },
  {
    name: "corrupt gzip",
    method: "POST",
    path: "/api/stacks/acme/web",
    headers: { "Content-Encoding": "gzip" },
    body: "definitely not gzip",
    status: 400,
    message: "gzip",
  },
  {
    name: "stack name ..",
    method: "POST",
    path: "/api/stacks/acme/web",
    body: JSON.stringify({ stackName: ".." }),
    status: 400,
    message: 'may not be "." or ".."',
  },
  {
    name: "NUL in a tag filter",
    method: "GET",
    path: "/api/user/stacks?tagName=%00",
    status: 400,
    message: "Invalid stack tag",
  },
  {
    name: "unknown endpoint",
    method: "GET",
    path: "/api/nothing/here",
    status: 404,
    message: "not an endpoint",
  },
];

describe.each(testDatabaseTargets())("bad input on %s", (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(kind);
  });

  afterAll(async () => {
    await t.dispose();
  });

  test.each(cases)("$name", async (badCase) => {
    const logsBefore = t.logs.length;
    const stacksBefore = await t.services.stacks.listStacks({ visibleOrgs: ["acme"], pageSize: 1000 });

    const response = await t.app.request(badCase.path, {
      method: badCase.method,
      headers: { ...cliHeaders(adminToken), ...badCase.headers },
      body: badCase.body,
    });

    expect(response.status).toBe(badCase.status);
    const body = (await response.json()) as { code: number; message: string };
    expect(body.code).toBe(badCase.status);
    expect(body.message).toContain(badCase.message);
    expect(response.headers.get("X-Pulumi-Request-ID")).toBeTruthy();

    const newLogs = t.logs.slice(logsBefore);
    expect(newLogs).toHaveLength(1);
    expect(newLogs[0]).toMatchObject({ level: "warn", status: badCase.status });
    expect(JSON.stringify(newLogs)).not.toContain(adminToken);

    const stacksAfter = await t.services.stacks.listStacks({ visibleOrgs: ["acme"], pageSize: 1000 });
    expect(stacksAfter.stacks).toEqual(stacksBefore.stacks);
  });
});
