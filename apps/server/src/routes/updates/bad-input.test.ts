import { createHash } from "node:crypto";

import { afterAll, beforeAll, describe, expect, test } from "bun:test";

import { testDatabaseTargets } from "@procella/db/testing";

import { adminToken, cliHeaders, createTestApp, type TestApp, viewerToken } from "../../testing.ts";

/** A started update as the CLI holds it: its id and lease token. */
interface Started {
  stack: string;
  updateId: string;
  token: string;
}

interface BadUpdateRequest {
  name: string;
  method: string;
  /** Path below `/api/stacks/acme/web/`, in which `{dev}`, `{other}`, `{done}` and `{preview}` become update ids. */
  path: string;
  /** `update-token` of the named update, an API token, or a literal Authorization header. */
  auth: { lease: keyof Updates } | { token: string } | { header: string };
  body?: unknown;
  /** Send `body` gzipped, as the CLI does for checkpoints, journal entries and events. */
  gzip?: boolean;
  /** Raw bytes to send instead of `body`. */
  raw?: Uint8Array<ArrayBuffer>;
  rawEncoding?: string;
  status: number;
  message: string;
}

/** Updates the cases refer to: running on `dev` and `other`, a finished one on `dev`, a preview on `dev`. */
interface Updates {
  dev: Started;
  other: Started;
  done: Started;
  preview: Started;
}

const emptyDeployment = { manifest: { time: "2026-01-01T00:00:00Z", magic: "", version: "v3.276.0" }, resources: [] };
const firstCheckpoint = { version: 3, deployment: emptyDeployment };
const firstCheckpointText = JSON.stringify(firstCheckpoint);

/** Delta and resulting hash that rewrite the manifest time of `firstCheckpointText`, as the CLI's text diff would. */
const timeEdit = (() => {
  const oldTime = "2026-01-01T00:00:00Z";
  const start = new TextEncoder().encode(firstCheckpointText.slice(0, firstCheckpointText.indexOf(oldTime))).length;
  const end = start + oldTime.length;
  const newTime = "2026-02-02T00:00:00Z";
  const span = { uri: "", start: { line: 1, column: 1, offset: start }, end: { line: 1, column: 1, offset: end } };
  const nextText = firstCheckpointText.replace(oldTime, newTime);
  return {
    delta: [{ Span: span, NewText: newTime }],
    hash: createHash("sha256").update(nextText).digest("hex"),
  };
})();

const zeros = (bytes: number) => "0".repeat(bytes);

const cases: BadUpdateRequest[] = [
  {
    name: "wrong update token",
    method: "PATCH",
    path: "dev/update/{dev}/checkpointverbatim",
    auth: { header: "update-token not-the-lease-token-0123456789" },
    body: { version: 3, untypedDeployment: firstCheckpoint, sequenceNumber: 2 },
    gzip: true,
    status: 401,
    message: "not valid for this update",
  },
  {
    name: "update token of another update of the stack",
    method: "PATCH",
    path: "dev/update/{dev}/checkpointverbatim",
    auth: { lease: "preview" },
    body: { version: 3, untypedDeployment: firstCheckpoint, sequenceNumber: 2 },
    gzip: true,
    status: 401,
    message: "not valid for this update",
  },
  {
    name: "update token of another stack",
    method: "POST",
    path: "dev/update/{dev}/events/batch",
    auth: { lease: "other" },
    body: { events: [{ sequence: 100, timestamp: 1, stdoutEvent: { message: "x", color: "raw" } }] },
    gzip: true,
    status: 401,
    message: "not valid for this update",
  },
  {
    name: "another stack's update under this stack",
    method: "PATCH",
    path: "dev/update/{other}/checkpointverbatim",
    auth: { lease: "other" },
    body: { version: 3, untypedDeployment: firstCheckpoint, sequenceNumber: 2 },
    gzip: true,
    status: 401,
    message: "not valid for this update",
  },
  {
    name: "API token on a lease call",
    method: "POST",
    path: "dev/update/{dev}/complete",
    auth: { token: adminToken },
    body: { status: "succeeded" },
    status: 401,
    message: "update-token",
  },
  {
    name: "update token on a token call",
    method: "POST",
    path: "dev/update/{dev}/cancel",
    auth: { lease: "dev" },
    status: 401,
    message: "unsupported Authorization scheme 'update-token'",
  },
  {
    name: "cancel by a viewer",
    method: "POST",
    path: "dev/update/{dev}/cancel",
    auth: { token: viewerToken },
    status: 403,
    message: "",
  },
  {
    name: "checkpoint after complete",
    method: "PATCH",
    path: "dev/update/{done}/checkpointverbatim",
    auth: { lease: "done" },
    body: { version: 3, untypedDeployment: firstCheckpoint, sequenceNumber: 5 },
    gzip: true,
    status: 409,
    message: "no longer in progress",
  },
  {
    name: "events after complete",
    method: "POST",
    path: "dev/update/{done}/events/batch",
    auth: { lease: "done" },
    body: { events: [{ sequence: 100, timestamp: 1, stdoutEvent: { message: "late", color: "raw" } }] },
    gzip: true,
    status: 409,
    message: "no longer in progress",
  },
  {
    name: "journal entries after complete",
    method: "PATCH",
    path: "dev/update/{done}/journalentries",
    auth: { lease: "done" },
    body: { entries: [{ version: 1, kind: 0, sequenceID: 1, operationID: 1, elideWrite: false }] },
    gzip: true,
    status: 409,
    message: "no longer in progress",
  },
  {
    name: "renew lease after complete",
    method: "POST",
    path: "dev/update/{done}/renew_lease",
    auth: { lease: "done" },
    body: { token: "", duration: 300 },
    // 403 is the status that stops the CLI's renewals.
    status: 403,
    message: "has expired or the update has ended",
  },
  {
    name: "delta with a wrong checksum",
    method: "PATCH",
    path: "dev/update/{dev}/checkpointdelta",
    auth: { lease: "dev" },
    body: { version: 3, checkpointHash: "0".repeat(64), sequenceNumber: 2, deploymentDelta: timeEdit.delta },
    gzip: true,
    status: 422,
    message: "Checkpoint hash mismatch",
  },
  {
    name: "delta that skips a sequence number",
    method: "PATCH",
    path: "dev/update/{dev}/checkpointdelta",
    auth: { lease: "dev" },
    body: { version: 3, checkpointHash: timeEdit.hash, sequenceNumber: 3, deploymentDelta: timeEdit.delta },
    gzip: true,
    status: 422,
    message: "does not follow the last saved checkpoint",
  },
  {
    name: "delta past the end of the checkpoint",
    method: "PATCH",
    path: "dev/update/{dev}/checkpointdelta",
    auth: { lease: "dev" },
    body: {
      version: 3,
      checkpointHash: timeEdit.hash,
      sequenceNumber: 2,
      deploymentDelta: [{ Span: { start: { offset: 0 }, end: { offset: 1_000_000 } }, NewText: "{}" }],
    },
    gzip: true,
    status: 422,
    message: "beyond the",
  },
  {
    name: "gzip bomb",
    method: "PATCH",
    path: "dev/update/{dev}/checkpointverbatim",
    auth: { lease: "dev" },
    raw: Bun.gzipSync(
      new TextEncoder().encode(
        `{"version":3,"sequenceNumber":2,"untypedDeployment":{"version":3,"deployment":{"x":"${zeros(8 * 1024 * 1024)}"}}}`,
      ),
    ),
    rawEncoding: "gzip",
    status: 413,
    message: "decompressed request body",
  },
  {
    name: "body over the limit",
    method: "PATCH",
    path: "dev/update/{dev}/journalentries",
    auth: { lease: "dev" },
    raw: new TextEncoder().encode(`{"entries":[],"x":"${zeros(2 * 1024 * 1024)}"}`),
    status: 413,
    message: "too large",
  },
  {
    name: "corrupt gzip",
    method: "PATCH",
    path: "dev/update/{dev}/checkpointverbatim",
    auth: { lease: "dev" },
    raw: new TextEncoder().encode("this is not gzip"),
    rawEncoding: "gzip",
    status: 400,
    message: "gzip",
  },
  {
    name: "checkpoint that is not a deployment",
    method: "PATCH",
    path: "dev/update/{dev}/checkpointverbatim",
    auth: { lease: "dev" },
    body: { version: 3, untypedDeployment: { version: 99, deployment: {} }, sequenceNumber: 2 },
    gzip: true,
    status: 400,
    message: "version must be an integer from 1 to 4",
  },
  {
    name: "journal entries for an update that did not negotiate journaling",
    method: "PATCH",
    path: "dev/update/{dev}/journalentries",
    auth: { lease: "dev" },
    body: { entries: [{ version: 1, kind: 0, sequenceID: 1, operationID: 1, elideWrite: false }] },
    gzip: true,
    status: 400,
    message: "did not negotiate journaling",
  },
  {
    name: "checkpoint of a preview",
    method: "PATCH",
    path: "dev/update/{preview}/checkpointverbatim",
    auth: { lease: "preview" },
    body: { version: 3, untypedDeployment: firstCheckpoint, sequenceNumber: 1 },
    gzip: true,
    status: 400,
    message: "is a preview",
  },
  {
    name: "event without a sequence",
    method: "POST",
    path: "dev/update/{dev}/events/batch",
    auth: { lease: "dev" },
    body: { events: [{ timestamp: 1, stdoutEvent: { message: "x", color: "raw" } }] },
    gzip: true,
    status: 400,
    message: "sequence must be an integer from 0 to",
  },
  {
    name: "complete with an unknown status",
    method: "POST",
    path: "dev/update/{dev}/complete",
    auth: { lease: "dev" },
    body: { status: "exploded" },
    status: 400,
    message: "status",
  },
  {
    name: "start of a started update",
    method: "POST",
    path: "dev/update/{dev}",
    auth: { token: adminToken },
    body: {},
    status: 409,
    message: "already started",
  },
  {
    name: "second update while one runs",
    method: "POST",
    path: "dev/update/{waiting}",
    auth: { token: adminToken },
    body: { journalVersion: 0 },
    status: 409,
    message: "Another update is currently in progress.",
  },
  {
    name: "export of a version that does not exist",
    method: "GET",
    path: "dev/export/99",
    auth: { token: adminToken },
    status: 404,
    message: "Version 99",
  },
];

describe.each(testDatabaseTargets())("update protocol bad input on %s", (kind) => {
  let t: TestApp;
  let updates: Updates;
  let waitingUpdateId: string;

  const call = (method: string, path: string, headers: Record<string, string>, body?: BodyInit) =>
    t.app.request(`/api/stacks/acme/web/${path}`, { method, headers, body });
  const leaseHeaders = (token: string, extra: Record<string, string> = {}) =>
    cliHeaders(undefined, { Authorization: `update-token ${token}`, ...extra });

  async function expectOk(response: Response): Promise<unknown> {
    const body = await response.json();
    expect({ status: response.status, body }).toMatchObject({ status: 200 });
    return body;
  }

  async function startUpdate(stack: string, kind: string, dryRun: boolean): Promise<Started> {
    const program = { name: "web", runtime: "yaml", options: { dryRun }, config: {}, metadata: { message: "", environment: {} } };
    const created = (await expectOk(await call("POST", `${stack}/${kind}`, cliHeaders(adminToken), JSON.stringify(program)))) as {
      updateID: string;
    };
    const started = (await expectOk(
      await call("POST", `${stack}/update/${created.updateID}`, cliHeaders(adminToken), JSON.stringify({ journalVersion: 0 })),
    )) as { token: string };
    return { stack, updateId: created.updateID, token: started.token };
  }

  async function createOnly(stack: string): Promise<{ updateId: string }> {
    const program = { name: "web", runtime: "yaml", options: {}, config: {}, metadata: { message: "", environment: {} } };
    const created = (await expectOk(await call("POST", `${stack}/update`, cliHeaders(adminToken), JSON.stringify(program)))) as {
      updateID: string;
    };
    return { updateId: created.updateID };
  }

  async function saveVerbatim(update: Started, sequenceNumber: number): Promise<void> {
    const body = Bun.gzipSync(JSON.stringify({ version: 3, untypedDeployment: firstCheckpoint, sequenceNumber }));
    await expectOk(
      await call("PATCH", `${update.stack}/update/${update.updateId}/checkpointverbatim`, leaseHeaders(update.token, { "Content-Encoding": "gzip" }), body),
    );
  }

  /** Everything a rejected request must leave alone, as the CLI and the dashboard read it. */
  async function observableState(): Promise<unknown> {
    const read = async (path: string) => {
      const response = await call("GET", path, cliHeaders(adminToken));
      return { status: response.status, body: await response.text() };
    };
    return {
      dev: await read("dev"),
      devExport: await read("dev/export"),
      devHistory: await read("dev/updates"),
      other: await read("other"),
      otherExport: await read("other/export"),
      devEvents: await read(`dev/update/${updates.dev.updateId}/events`),
      doneEvents: await read(`dev/update/${updates.done.updateId}/events`),
    };
  }

  beforeAll(async () => {
    t = await createTestApp(kind);
    for (const stackName of ["dev", "other"]) {
      await expectOk(await t.app.request("/api/stacks/acme/web", { method: "POST", headers: cliHeaders(adminToken), body: JSON.stringify({ stackName }) }));
    }

    const done = await startUpdate("dev", "update", false);
    await saveVerbatim(done, 1);
    await expectOk(await call("POST", `dev/update/${done.updateId}/complete`, leaseHeaders(done.token), JSON.stringify({ status: "succeeded" })));

    const dev = await startUpdate("dev", "update", false);
    await saveVerbatim(dev, 1);
    // Created on `dev` while `dev` runs, never started: the stack is taken at start.
    waitingUpdateId = (await createOnly("dev")).updateId;
    updates = {
      dev,
      done,
      other: await startUpdate("other", "update", false),
      preview: await startUpdate("dev", "preview", true),
      // Creating succeeds while `dev` runs; the stack is taken at start, where the case above expects the 409.
    };
  });

  afterAll(async () => {
    await t.dispose();
  });

  test.each(cases)("$name", async (badCase) => {
    const path = badCase.path
      .replace("{waiting}", waitingUpdateId)
      .replace(/\{(dev|other|done|preview)\}/, (_, name: keyof Updates) => updates[name].updateId);
    let headers: Record<string, string>;
    if ("lease" in badCase.auth) {
      headers = leaseHeaders(updates[badCase.auth.lease].token);
    } else if ("token" in badCase.auth) {
      headers = cliHeaders(badCase.auth.token);
    } else {
      headers = cliHeaders(undefined, { Authorization: badCase.auth.header });
    }
    let body: BodyInit | undefined;
    if (badCase.raw) {
      body = badCase.raw;
      if (badCase.rawEncoding) {
        headers["Content-Encoding"] = badCase.rawEncoding;
      }
    } else if (badCase.body !== undefined) {
      const text = JSON.stringify(badCase.body);
      body = badCase.gzip ? Bun.gzipSync(text) : text;
      if (badCase.gzip) {
        headers["Content-Encoding"] = "gzip";
      }
    }

    const before = await observableState();
    const logsBefore = t.logs.length;
    const response = await call(badCase.method, path, headers, body);

    const responseBody = (await response.json()) as { code: number; message: string };
    expect({ status: response.status, body: responseBody }).toMatchObject({
      status: badCase.status,
      body: { code: badCase.status, message: expect.stringContaining(badCase.message) },
    });
    expect(response.headers.get("X-Pulumi-Request-ID")).toBeTruthy();

    const requestLogs = t.logs.slice(logsBefore).filter((entry) => entry.route !== undefined);
    expect(requestLogs).toHaveLength(1);
    expect(requestLogs[0]).toMatchObject({ level: "warn", status: badCase.status });
    for (const update of Object.values(updates) as Started[]) {
      expect(JSON.stringify(t.logs)).not.toContain(update.token);
    }

    expect(await observableState()).toEqual(before);
  });

  // The control for the delta cases: the same delta with the right hash and sequence is applied.
  test("correct delta is applied", async () => {
    const headers = leaseHeaders(updates.dev.token, { "Content-Encoding": "gzip" });
    const body = Bun.gzipSync(
      JSON.stringify({ version: 3, checkpointHash: timeEdit.hash, sequenceNumber: 2, deploymentDelta: timeEdit.delta }),
    );
    await expectOk(await call("PATCH", `dev/update/${updates.dev.updateId}/checkpointdelta`, headers, body));

    const exported = (await (await call("GET", "dev/export", cliHeaders(adminToken))).json()) as typeof firstCheckpoint;
    expect(exported.deployment.manifest.time).toBe("2026-02-02T00:00:00Z");
  });

  test("retried complete is a no-op", async () => {
    const before = await observableState();
    const response = await call(
      "POST",
      `dev/update/${updates.done.updateId}/complete`,
      leaseHeaders(updates.done.token),
      JSON.stringify({ status: "failed" }),
    );
    await expectOk(response);
    expect(await observableState()).toEqual(before);
  });
});
