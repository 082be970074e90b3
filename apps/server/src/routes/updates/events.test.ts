import { afterAll, beforeAll, describe, expect, test } from "bun:test";

import { testDatabaseTargets } from "@procella/db/testing";

import { adminToken, cliHeaders, createTestApp, type TestApp } from "../../testing.ts";

const program = { name: "web", runtime: "yaml", options: { dryRun: false }, config: {}, metadata: { message: "", environment: {} } };
const stdoutEvent = (sequence: number) => ({ sequence, timestamp: 1_700_000_000 + sequence, stdoutEvent: { message: `line ${sequence}`, color: "raw" } });

interface EventsPage {
  events: { sequence: number }[];
  continuationToken: string | null;
}

describe.each(testDatabaseTargets())("update engine events on %s", (kind) => {
  let t: TestApp;
  let updateId: string;
  let token: string;

  const call = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
    t.app.request(`/api/stacks/acme/web/${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : Bun.gzipSync(JSON.stringify(body)),
    });
  const lease = () => cliHeaders(undefined, { Authorization: `update-token ${token}`, "Content-Encoding": "gzip" });
  const postBatch = async (sequences: number[]) => {
    const response = await call("POST", `dev/update/${updateId}/events/batch`, lease(), { events: sequences.map(stdoutEvent) });
    expect(response.status).toBe(200);
  };
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, index) => from + index);

  async function readPage(continuationToken?: string): Promise<EventsPage> {
    const query = continuationToken === undefined ? "" : `?continuationToken=${continuationToken}`;
    const response = await t.app.request(`/api/stacks/acme/web/dev/update/${updateId}/events${query}`, {
      headers: cliHeaders(adminToken),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as EventsPage;
  }

  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.app.request("/api/stacks/acme/web", {
      method: "POST",
      headers: cliHeaders(adminToken),
      body: JSON.stringify({ stackName: "dev" }),
    });
    const created = await t.app.request("/api/stacks/acme/web/dev/update", {
      method: "POST",
      headers: cliHeaders(adminToken),
      body: JSON.stringify(program),
    });
    updateId = ((await created.json()) as { updateID: string }).updateID;
    const started = await t.app.request(`/api/stacks/acme/web/dev/update/${updateId}`, {
      method: "POST",
      headers: cliHeaders(adminToken),
      body: "{}",
    });
    token = ((await started.json()) as { token: string }).token;
  });

  afterAll(async () => {
    await t.dispose();
  });

  test("batches out of order and retried are stored once, in order", async () => {
    // The CLI keeps up to three batches in flight, so later ones can land first, and it retries failed ones.
    await postBatch(range(600, 1100));
    await postBatch(range(0, 600));
    await postBatch(range(0, 600));
    await postBatch([1100, 1101]);

    const first = await readPage();
    expect(first.events.map((event) => event.sequence)).toEqual(range(0, first.events.length));
    expect(first.continuationToken).toBeString();
  });

  test("pages follow the continuation token until the update ends", async () => {
    const seen: number[] = [];
    let continuationToken: string | undefined;
    for (let page = 0; page < 10; page++) {
      const result = await readPage(continuationToken);
      seen.push(...result.events.map((event) => event.sequence));
      // While the update runs the stream stays open: the token is never null.
      expect(result.continuationToken).not.toBeNull();
      continuationToken = result.continuationToken ?? undefined;
      if (result.events.length === 0) {
        break;
      }
    }
    expect(seen).toEqual(range(0, 1102));

    const summary = { sequence: 1102, timestamp: 1, summaryEvent: { maybeCorrupt: false, durationSeconds: 1, resourceChanges: { create: 2 }, PolicyPacks: {} } };
    const response = await call("POST", `dev/update/${updateId}/events/batch`, lease(), { events: [summary] });
    expect(response.status).toBe(200);
    const complete = await t.app.request(`/api/stacks/acme/web/dev/update/${updateId}/complete`, {
      method: "POST",
      headers: cliHeaders(undefined, { Authorization: `update-token ${token}` }),
      body: JSON.stringify({ status: "succeeded" }),
    });
    expect(complete.status).toBe(200);

    const last = await readPage(continuationToken);
    expect(last.events.map((event) => event.sequence)).toEqual([1102]);
    expect(last.continuationToken).toBeNull();

    const history = await t.app.request("/api/stacks/acme/web/dev/updates", { headers: cliHeaders(adminToken) });
    const { updates } = (await history.json()) as { updates: { resourceChanges?: Record<string, number> }[] };
    expect(updates[0]?.resourceChanges).toEqual({ create: 2 });
  });

  test("invalid continuation token", async () => {
    const response = await t.app.request(`/api/stacks/acme/web/dev/update/${updateId}/events?continuationToken=abc`, {
      headers: cliHeaders(adminToken),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 400, message: expect.stringContaining("continuationToken") });
  });
});
