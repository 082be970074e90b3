import { afterAll, beforeAll, describe, expect, test } from "bun:test";

import { testDatabaseTargets } from "@procella/db/testing";

import { adminToken, createTestApp, outsiderToken, type TestApp, viewerToken } from "../testing.ts";
import { maxTrpcBatchSize } from "./trpc.ts";

interface TrpcErrorBody {
  error: { message: string; code: number; data: { code: string; httpStatus: number; stack?: string } };
}

function query(procedure: string, input?: unknown): string {
  return input === undefined ? `/trpc/${procedure}` : `/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;
}

function auth(token: string): Record<string, string> {
  return { Authorization: `token ${token}` };
}

describe.each(testDatabaseTargets())("/trpc on %s", (kind) => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp(kind);
    const caller = await testApp.services.auth.authenticate(adminToken);
    if (!caller) throw new Error("test admin token did not authenticate");
    await testApp.services.stacks.createStack(caller, { orgName: "acme", projectName: "web", stackName: "dev" }, {});
  });
  afterAll(async () => {
    await testApp?.dispose();
  });

  test("session with a dev token", async () => {
    const response = await testApp.app.request(query("session.me"), { headers: auth(viewerToken) });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { result: { data: { login: string } } };
    expect(body.result.data.login).toBe("victor");
  });

  test.each([
    ["no header", {}, "sign in with an access token"],
    ["wrong token", auth("wrong-token-0123456789"), "invalid, expired or revoked"],
    ["other scheme", { Authorization: "Bearer abc" }, "takes 'Authorization: token"],
    ["malformed header", { Authorization: "token" }, "malformed Authorization header"],
  ])("%s is unauthorized", async (_label, headers, message) => {
    const response = await testApp.app.request(query("session.me"), { headers });
    expect(response.status).toBe(401);
    const body = (await response.json()) as TrpcErrorBody;
    expect(body.error.message).toContain(message);
    expect(body.error.data.code).toBe("UNAUTHORIZED");
  });

  test("outsider gets the org's not found", async () => {
    const response = await testApp.app.request(query("stacks.get", { org: "acme", project: "web", stack: "dev" }), {
      headers: auth(outsiderToken),
    });
    expect(response.status).toBe(404);
    expect(((await response.json()) as TrpcErrorBody).error.message).toBe("Organization 'acme' not found.");
  });

  test("viewer mutation is forbidden with the role in the message", async () => {
    const response = await testApp.app.request("/trpc/stacks.setTags", {
      method: "POST",
      headers: { ...auth(viewerToken), "Content-Type": "application/json" },
      body: JSON.stringify({ org: "acme", project: "web", stack: "dev", tags: {} }),
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as TrpcErrorBody).error.message).toContain("'member' role");
  });

  test("invalid input names the field and hides the stack trace", async () => {
    const response = await testApp.app.request(query("stacks.get", { org: "acme", project: "web", stack: "no spaces" }), {
      headers: auth(adminToken),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as TrpcErrorBody;
    expect(body.error.message).toStartWith("Invalid input: stack: Invalid stack name");
    expect(body.error.data.stack).toBeUndefined();
  });

  test("batches above the limit are rejected", async () => {
    const procedures = Array.from({ length: maxTrpcBatchSize + 1 }, () => "session.me").join(",");
    const response = await testApp.app.request(`/trpc/${procedures}?batch=1&input={}`, { headers: auth(adminToken) });
    expect(response.status).toBe(400);
  });

  test("unknown procedure is not found", async () => {
    const response = await testApp.app.request(query("stacks.nope"), { headers: auth(adminToken) });
    expect(response.status).toBe(404);
  });

  test("request log names the procedure and user", async () => {
    await testApp.app.request(query("session.me"), { headers: auth(adminToken) });
    const line = testApp.logs.findLast((entry) => entry.route === "trpc session.me");
    expect(line?.user).toBe("alice");
    expect(line?.status).toBe(200);
    expect(JSON.stringify(testApp.logs)).not.toContain(adminToken);
  });
});
