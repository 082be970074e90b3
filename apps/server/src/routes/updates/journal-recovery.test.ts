import { afterAll, beforeAll, describe, expect, test } from "bun:test";

import { testDatabaseTargets } from "@procella/db/testing";

import { adminToken, cliHeaders, createTestApp, type TestApp } from "../../testing.ts";

interface Started {
  stack: string;
  updateId: string;
  token: string;
}

const program = { name: "web", runtime: "yaml", options: { dryRun: false }, config: {}, metadata: { message: "", environment: {} } };

/** Write entry without the new snapshot it must carry, so the journal cannot be replayed. */
const writeWithoutSnapshot = { version: 1, kind: 5, sequenceID: 1, operationID: 0, removeOld: null, removeNew: null };

/** Success entry whose `removeOld` is a string, not an index into the base state. */
const malformedIndex = { version: 1, kind: 1, sequenceID: 1, operationID: 1, removeOld: "first", removeNew: null };

describe.each(testDatabaseTargets())("updates with an unreplayable journal on %s", (kind) => {
  let t: TestApp;

  const call = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
    t.app.request(`/api/stacks/acme/web/${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const leaseHeaders = (update: Started) => cliHeaders(undefined, { Authorization: `update-token ${update.token}` });

  async function json(response: Response): Promise<Record<string, unknown>> {
    return (await response.json()) as Record<string, unknown>;
  }

  async function startJournaling(stack: string): Promise<Started> {
    const created = await call("POST", `${stack}/update`, cliHeaders(adminToken), program);
    expect(created.status).toBe(200);
    const { updateID } = (await created.json()) as { updateID: string };
    const started = await call("POST", `${stack}/update/${updateID}`, cliHeaders(adminToken), { journalVersion: 1 });
    const body = await json(started);
    expect({ status: started.status, journalVersion: body.journalVersion }).toEqual({ status: 200, journalVersion: 1 });
    return { stack, updateId: updateID, token: String(body.token) };
  }

  async function createStack(stackName: string): Promise<void> {
    const response = await t.app.request("/api/stacks/acme/web", {
      method: "POST",
      headers: cliHeaders(adminToken),
      body: JSON.stringify({ stackName }),
    });
    expect(response.status).toBe(200);
  }

  beforeAll(async () => {
    t = await createTestApp(kind);
  });

  afterAll(async () => {
    await t.dispose();
  });

  test("malformed entry is rejected when it arrives", async () => {
    await createStack("shape");
    const update = await startJournaling("shape");

    const append = await call("PATCH", `shape/update/${update.updateId}/journalentries`, leaseHeaders(update), {
      entries: [malformedIndex],
    });
    expect(append.status).toBeGreaterThanOrEqual(400);
    expect(append.status).toBeLessThan(500);
    expect(await json(append)).toMatchObject({ code: append.status, message: expect.stringContaining("removeOld") });

    // Nothing was stored, so the update completes normally.
    const complete = await call("POST", `shape/update/${update.updateId}/complete`, leaseHeaders(update), { status: "succeeded" });
    expect(complete.status).toBe(200);
  });

  test("cancel ends an update whose journal cannot be replayed", async () => {
    await createStack("stuck");
    const exportBefore = await (await call("GET", "stuck/export", cliHeaders(adminToken))).text();
    const update = await startJournaling("stuck");
    const append = await call("PATCH", `stuck/update/${update.updateId}/journalentries`, leaseHeaders(update), {
      entries: [writeWithoutSnapshot],
    });
    expect(append.status).toBe(200);

    const complete = await call("POST", `stuck/update/${update.updateId}/complete`, leaseHeaders(update), { status: "succeeded" });
    expect(complete.status).toBeLessThan(500);

    // Whatever status complete returned, `pulumi cancel` must free the stack.
    const cancel = await call("POST", `stuck/update/${update.updateId}/cancel`, cliHeaders(adminToken));
    expect({ status: cancel.status, body: await json(cancel) }).toEqual({ status: 200, body: {} });
    const stack = await json(await call("GET", "stuck", cliHeaders(adminToken)));
    expect(stack.activeUpdate).toBe("");

    const next = await call("POST", "stuck/update", cliHeaders(adminToken), program);
    expect(next.status).toBe(200);
    expect(await (await call("GET", "stuck/export", cliHeaders(adminToken))).text()).toBe(exportBefore);
  });

  test("GC reclaims abandoned updates despite an unreplayable journal", async () => {
    await createStack("broken");
    await createStack("healthy");
    const broken = await startJournaling("broken");
    const healthy = await startJournaling("healthy");
    const append = await call("PATCH", `broken/update/${broken.updateId}/journalentries`, leaseHeaders(broken), {
      entries: [writeWithoutSnapshot],
    });
    expect(append.status).toBe(200);

    // Both leases have long expired two hours from now.
    const later = new Date(Date.now() + 2 * 3600 * 1000);
    const result = await t.services.updates.collectGarbage(later).catch((error: unknown) => error);
    expect(result).not.toBeInstanceOf(Error);

    for (const stackName of ["broken", "healthy"]) {
      const stack = await json(await call("GET", stackName, cliHeaders(adminToken)));
      expect({ stackName, activeUpdate: stack.activeUpdate }).toEqual({ stackName, activeUpdate: "" });
    }
    expect(healthy.updateId).not.toBe(broken.updateId);
  });
});
