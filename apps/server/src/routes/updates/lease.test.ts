import { afterAll, beforeAll, describe, expect, test } from "bun:test";

import { testDatabaseTargets } from "@procella/db/testing";

import { adminToken, cliHeaders, createTestApp, type TestApp } from "../../testing.ts";

const leaseSeconds = 2;
const program = { name: "web", runtime: "yaml", options: { dryRun: false }, config: {}, metadata: { message: "", environment: {} } };
const event = (sequence: number) => ({ sequence, timestamp: 1, stdoutEvent: { message: `line ${sequence}`, color: "raw" } });

describe.each(testDatabaseTargets())("update leases on %s", (kind) => {
  let t: TestApp;

  const call = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
    t.app.request(`/api/stacks/acme/web/${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const lease = (token: string) => cliHeaders(undefined, { Authorization: `update-token ${token}` });

  async function create(stack: string): Promise<string> {
    const response = await call("POST", `${stack}/update`, cliHeaders(adminToken), program);
    expect(response.status).toBe(200);
    return ((await response.json()) as { updateID: string }).updateID;
  }

  async function start(stack: string, updateId: string): Promise<{ token: string; tokenExpiration: number }> {
    const response = await call("POST", `${stack}/update/${updateId}`, cliHeaders(adminToken), {});
    expect(response.status).toBe(200);
    return (await response.json()) as { token: string; tokenExpiration: number };
  }

  async function activeUpdate(stack: string): Promise<string> {
    return ((await (await call("GET", stack, cliHeaders(adminToken))).json()) as { activeUpdate: string }).activeUpdate;
  }

  beforeAll(async () => {
    t = await createTestApp(kind, { PROCELLA_LEASE_SECONDS: String(leaseSeconds) });
    for (const stackName of ["renewed", "expired", "unstarted"]) {
      const response = await t.app.request("/api/stacks/acme/web", {
        method: "POST",
        headers: cliHeaders(adminToken),
        body: JSON.stringify({ stackName }),
      });
      expect(response.status).toBe(200);
    }
  });

  afterAll(async () => {
    await t.dispose();
  });

  test("renewal issues a new token and keeps the old one", async () => {
    const updateId = await create("renewed");
    const first = await start("renewed", updateId);
    expect(first.tokenExpiration).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + leaseSeconds);

    // The CLI requests 300 s, and the server grants at most its configured lease.
    const renewal = await call("POST", `renewed/update/${updateId}/renew_lease`, lease(first.token), { token: "", duration: 300 });
    expect(renewal.status).toBe(200);
    const renewed = (await renewal.json()) as { token: string; tokenExpiration: number };
    expect(renewed.token).not.toBe(first.token);
    expect(renewed.tokenExpiration).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + leaseSeconds);

    // Requests the CLI sent with the old token may still be in flight, so both tokens work.
    for (const [index, token] of [first.token, renewed.token].entries()) {
      const response = await call("POST", `renewed/update/${updateId}/events/batch`, lease(token), { events: [event(index)] });
      expect(response.status).toBe(200);
    }
    const complete = await call("POST", `renewed/update/${updateId}/complete`, lease(renewed.token), { status: "succeeded" });
    expect(complete.status).toBe(200);
    expect(await activeUpdate("renewed")).toBe("");
  });

  test("expired lease is refused and GC cancels the update", async () => {
    const updateId = await create("expired");
    const { token } = await start("expired", updateId);
    await Bun.sleep((leaseSeconds + 0.5) * 1000);

    const late = await call("POST", `expired/update/${updateId}/events/batch`, lease(token), { events: [event(0)] });
    expect(late.status).toBe(403);
    expect(await late.json()).toEqual({ code: 403, message: `The lease of update '${updateId}' has expired.` });
    // A 403 on renewal makes the CLI stop renewing, because the lease is gone for good.
    const renewal = await call("POST", `expired/update/${updateId}/renew_lease`, lease(token), { token: "", duration: 300 });
    expect(renewal.status).toBe(403);
    expect(await activeUpdate("expired")).toBe(updateId);

    const collected = await t.services.updates.collectGarbage(new Date());
    expect(collected.cancelled).toContainEqual({ updateId, stackId: expect.any(String), reason: "lease-expired" });
    expect(await activeUpdate("expired")).toBe("");
    expect(t.logs.some((entry) => entry.msg === "gc cancelled an abandoned update" && entry.updateId === updateId)).toBe(true);
  });

  test("GC cancels an update that never started", async () => {
    const updateId = await create("unstarted");
    // A created update does not hold the stack until it starts.
    expect(await activeUpdate("unstarted")).toBe("");

    const now = await t.services.updates.collectGarbage(new Date());
    expect(now.cancelled.map((entry) => entry.updateId)).not.toContain(updateId);

    const unstartedSeconds = t.services.config.gcUnstartedSeconds;
    const later = await t.services.updates.collectGarbage(new Date(Date.now() + (unstartedSeconds + 1) * 1000));
    expect(later.cancelled).toContainEqual({ updateId, stackId: expect.any(String), reason: "never-started" });

    // A cancelled update cannot be started any more.
    const startLate = await call("POST", `unstarted/update/${updateId}`, cliHeaders(adminToken), {});
    expect(startLate.status).toBe(409);
  });
});
