import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { DevAuthService, type DevAuthServiceOptions } from "@procella/auth";
import { AccessTokenAuthService, PostgresAccessTokenService, userDirectoryFromTokens } from "@procella/auth/access-tokens";
import { loadConfig } from "@procella/config";
import { AesCryptoService, generateMasterKey } from "@procella/crypto";
import type { DatabaseKind } from "@procella/db";
import { openTestDatabase } from "@procella/db/testing";
import { PostgresStacksService } from "@procella/stacks";
import { LocalBlobStorage } from "@procella/storage";
import { type LogFields, JsonLogger } from "@procella/types";
import { PostgresUpdatesService } from "@procella/updates";

import { createApp } from "./app.ts";
import type { Services } from "./env.ts";

export const adminToken = "test-admin-token-0123456789";
export const viewerToken = "test-viewer-token-0123456789";
export const outsiderToken = "test-outsider-token-0123456789";

export interface TestApp {
  app: ReturnType<typeof createApp>;
  services: Services;
  /** Parsed log lines written so far. */
  logs: LogFields[];
  dispose(): Promise<void>;
}

/**
 * The real app on a fresh test database and a temp blob directory: org
 * `acme` with admin alice (adminToken) and viewer victor (viewerToken), and
 * olga (outsiderToken) who is admin of `globex` only.
 */
export async function createTestApp(kind: DatabaseKind, env: Record<string, string> = {}): Promise<TestApp> {
  const database = await openTestDatabase(kind);
  const blobDir = mkdtempSync(path.join(os.tmpdir(), "procella-test-blobs-"));
  const config = loadConfig({ PROCELLA_MAX_BODY_BYTES: String(1024 * 1024), ...env });
  const logs: LogFields[] = [];
  const logger = new JsonLogger({ level: "debug", write: (line) => logs.push(JSON.parse(line) as LogFields) });
  const blobs = new LocalBlobStorage({ root: blobDir });
  const devUsers: DevAuthServiceOptions = {
    devToken: adminToken,
    devUserLogin: "alice",
    devOrgLogin: "acme",
    devUsers: [
      { token: viewerToken, login: "victor", orgs: { acme: "viewer" } },
      { token: outsiderToken, login: "olga", orgs: { globex: "admin" } },
    ],
  };
  const tokens = new PostgresAccessTokenService({ db: database.handle.db });
  // Dashboard tokens authenticate as the configured user who created them, as in bootstrap.
  const users = userDirectoryFromTokens(new DevAuthService(devUsers), [adminToken, viewerToken, outsiderToken]);
  const services: Services = {
    config,
    logger,
    database: database.handle,
    blobs,
    crypto: new AesCryptoService({ masterKey: generateMasterKey() }),
    auth: new DevAuthService({ ...devUsers, fallback: new AccessTokenAuthService({ tokens, users }) }),
    tokens,
    stacks: new PostgresStacksService({ db: database.handle.db, blobs }),
    updates: undefined as unknown as Services["updates"], // Replaced below: it needs the stacks service.
  };
  services.updates = new PostgresUpdatesService({
    db: database.handle.db,
    blobs,
    logger,
    leaseSeconds: config.leaseSeconds,
    unstartedSeconds: config.gcUnstartedSeconds,
    reloadStack: (id) => services.stacks.getStackById(id),
  });
  return {
    app: createApp(services),
    services,
    logs,
    async dispose() {
      await database.dispose();
      rmSync(blobDir, { recursive: true, force: true });
    },
  };
}

/** Headers the Pulumi CLI sends, with the given token. */
export function cliHeaders(token: string | undefined, extra: Record<string, string> = {}): Record<string, string> {
  return {
    Accept: "application/vnd.pulumi+9",
    "Content-Type": "application/json",
    ...(token === undefined ? {} : { Authorization: `token ${token}` }),
    ...extra,
  };
}
