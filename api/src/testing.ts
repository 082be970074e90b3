import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { PostgresAccessTokenService } from "@procella/auth/access-tokens";
import type { DatabaseKind } from "@procella/db";
import { openTestDatabase } from "@procella/db/testing";
import { PostgresStacksService, type StackRecord } from "@procella/stacks";
import { LocalBlobStorage } from "@procella/storage";
import { type Caller, JsonLogger } from "@procella/types";
import { PostgresUpdatesService, type UpdateProgram } from "@procella/updates";

import type { ApiServices } from "./context.ts";
import { createApiCaller } from "./router.ts";

export const alice: Caller = {
  userId: "dev:alice",
  login: "alice",
  name: "Alice",
  email: "alice@localhost",
  memberships: [{ orgName: "acme", role: "admin" }],
};
export const mia: Caller = { ...alice, userId: "dev:mia", login: "mia", memberships: [{ orgName: "acme", role: "member" }] };
export const victor: Caller = {
  ...alice,
  userId: "dev:victor",
  login: "victor",
  memberships: [{ orgName: "acme", role: "viewer" }],
};
export const olga: Caller = { ...alice, userId: "dev:olga", login: "olga", memberships: [{ orgName: "globex", role: "admin" }] };

export interface ApiTestBed {
  services: ApiServices;
  /** A tRPC caller acting as `caller`, or unauthenticated without one. */
  as(caller?: Caller): ReturnType<typeof createApiCaller>;
  dispose(): Promise<void>;
}

const silentLogger = new JsonLogger({ level: "error", write: () => {} });

/** Opens the real stacks, updates and token services on a fresh test database and a temp blob directory. */
export async function createApiTestBed(kind: DatabaseKind): Promise<ApiTestBed> {
  const database = await openTestDatabase(kind);
  const blobDir = mkdtempSync(path.join(os.tmpdir(), "procella-api-test-"));
  const blobs = new LocalBlobStorage({ root: blobDir });
  const stacks = new PostgresStacksService({ db: database.handle.db, blobs });
  const updates = new PostgresUpdatesService({
    db: database.handle.db,
    blobs,
    logger: silentLogger,
    leaseSeconds: 300,
    unstartedSeconds: 3600,
    reloadStack: (id) => stacks.getStackById(id),
  });
  const services: ApiServices = { stacks, updates, tokens: new PostgresAccessTokenService({ db: database.handle.db }) };
  return {
    services,
    as: (caller) => createApiCaller({ services, caller, logger: silentLogger }),
    async dispose() {
      await database.dispose();
      rmSync(blobDir, { recursive: true, force: true });
    },
  };
}

/** An engine event without its timestamp, which runUpdate fills in. */
export type EventInput = Record<string, unknown> & { sequence: number };

const program: UpdateProgram = {
  name: "web",
  runtime: "yaml",
  main: "",
  description: "",
  options: {},
  config: {
    "web:greeting": { string: "hello", secret: false, object: false },
    "web:password": { string: "djE6...ciphertext", secret: true, object: false },
  },
  metadata: { message: "deploy <b>web</b>", environment: { "git.head": "abc123" } },
};

/**
 * Runs one update through the same service calls the CLI's requests make:
 * create, start, checkpoint, events, complete. Leaves the update running
 * when `complete` is false. Returns the update id and the stack after it.
 */
export async function runUpdate(
  services: ApiServices,
  caller: Caller,
  stack: StackRecord,
  options: { deployment: unknown; events: EventInput[]; complete?: boolean },
): Promise<{ updateId: string; version: number }> {
  const { updateId } = await services.updates.createUpdate(caller, stack, "update", program);
  const started = await services.updates.startUpdate(stack, updateId, {});
  const lease = await services.updates.authenticateLease(stack, updateId, started.token);
  await services.updates.saveCheckpoint(lease, { version: 3, deployment: options.deployment });
  const timestamp = Math.floor(Date.now() / 1000);
  await services.updates.recordEvents(
    lease,
    options.events.map((event) => ({ ...event, timestamp })),
  );
  if (options.complete !== false) {
    await services.updates.completeUpdate(lease, "succeeded");
  }
  return { updateId, version: started.version };
}

export const stackUrn = "urn:pulumi:dev::web::pulumi:pulumi:Stack::web-dev";
export const providerUrn = "urn:pulumi:dev::web::pulumi:providers:random::default_0_1_0";
export const stringUrn = "urn:pulumi:dev::web::pulumi:pulumi:Stack$random:index/randomString:RandomString::<img src=x onerror=alert(1)>";

/** Returns a small deployment: the stack, a provider and one resource, with one secret output. */
export function sampleDeployment() {
  return {
    manifest: { time: "2030-01-01T00:00:00Z", magic: "", version: "v3.276.0" },
    secrets_providers: { type: "service", state: {} },
    resources: [
      {
        urn: stackUrn,
        custom: false,
        type: "pulumi:pulumi:Stack",
        outputs: {
          url: "https://example.test",
          password: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: "djE6c2VjcmV0" },
        },
      },
      { urn: providerUrn, custom: true, id: "prov-1", type: "pulumi:providers:random", inputs: {}, outputs: {} },
      {
        urn: stringUrn,
        custom: true,
        id: "abc",
        type: "random:index/randomString:RandomString",
        parent: stackUrn,
        provider: `${providerUrn}::prov-1`,
        inputs: { length: 8 },
        outputs: { result: "abcdefgh" },
      },
    ],
  };
}

/** Returns the events of a successful update that created the string resource. */
export function sampleEvents(): EventInput[] {
  const step = { op: "create", urn: stringUrn, type: "random:index/randomString:RandomString", provider: "", detailedDiff: null };
  return [
    { sequence: 0, preludeEvent: { config: { "web:greeting": "hello" } } },
    { sequence: 1, resourcePreEvent: { metadata: { ...step, new: { parent: stackUrn, outputs: null } } } },
    { sequence: 2, resOutputsEvent: { metadata: { ...step, new: { parent: stackUrn, outputs: { result: "abcdefgh" } } } } },
    { sequence: 3, diagnosticEvent: { message: "<{%fg 3%}>careful <script>x</script><{%reset%}>", color: "raw", severity: "warning" } },
    { sequence: 4, summaryEvent: { maybeCorrupt: false, durationSeconds: 3, resourceChanges: { create: 1 }, PolicyPacks: null, isPreview: false, result: "succeeded" } },
  ];
}
