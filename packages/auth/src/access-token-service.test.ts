import { afterAll, beforeAll, describe, expect, test } from "bun:test";

import { accessTokens } from "@procella/db";
import { openTestDatabase, type TestDatabase, testDatabaseTargets } from "@procella/db/testing";
import { BadRequestError, NotFoundError } from "@procella/types";

import { AccessTokenAuthService, userDirectoryFromTokens } from "./access-token-service-auth.ts";
import { lastUsedResolutionMs, maxTokensPerUser, PostgresAccessTokenService } from "./access-token-service.ts";
import { DevAuthService } from "./dev-auth-service.ts";
import { hashToken } from "./token-hash.ts";

describe.each(testDatabaseTargets())("PostgresAccessTokenService on %s", (kind) => {
  let database: TestDatabase;
  let clock = new Date("2030-01-01T00:00:00Z");
  let service: PostgresAccessTokenService;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    service = new PostgresAccessTokenService({ db: database.handle.db, now: () => clock });
  });
  afterAll(async () => {
    await database?.dispose();
  });

  test("create stores only the hash", async () => {
    const created = await service.create("alice", { name: "  laptop  " });
    expect(created.token).toMatch(/^pul-[0-9a-f]{40}$/);
    expect(created.record.name).toBe("laptop");
    const rows = await database.handle.db.select().from(accessTokens);
    const row = rows.find((candidate) => candidate.id === created.record.id);
    expect(row?.tokenHash).toBe(hashToken(created.token));
    expect(JSON.stringify(rows)).not.toContain(created.token);
  });

  test("verify accepts a live token and rejects others", async () => {
    const created = await service.create("alice", { name: "ci" });
    expect((await service.verify(created.token))?.userLogin).toBe("alice");
    expect(await service.verify(`${created.token}0`)).toBeUndefined();
    expect(await service.verify("")).toBeUndefined();
  });

  test("list shows own tokens newest first", async () => {
    clock = new Date(clock.getTime() + 1000);
    const newer = await service.create("alice", { name: "newest" });
    await service.create("bob", { name: "bobs" });
    const list = await service.list("alice");
    expect(list[0]?.id).toBe(newer.record.id);
    expect(list.map((token) => token.userLogin)).not.toContain("bob");
  });

  test("revoke ends verification", async () => {
    const created = await service.create("alice", { name: "temporary" });
    await service.revoke("alice", created.record.id);
    expect(await service.verify(created.token)).toBeUndefined();
    expect((await service.list("alice")).map((token) => token.id)).not.toContain(created.record.id);
    await expect(service.revoke("alice", created.record.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  test("revoke of another user's token is not found", async () => {
    const created = await service.create("bob", { name: "bob only" });
    await expect(service.revoke("alice", created.record.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.revoke("alice", "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
    expect(await service.verify(created.token)).toBeDefined();
  });

  test("expired token is rejected", async () => {
    const created = await service.create("alice", { name: "short", expiresAt: new Date(clock.getTime() + 5000) });
    expect(await service.verify(created.token)).toBeDefined();
    clock = new Date(clock.getTime() + 5000);
    expect(await service.verify(created.token)).toBeUndefined();
  });

  test.each([
    ["empty name", { name: "   " }],
    ["long name", { name: "x".repeat(201) }],
  ])("create rejects %s", async (_label, input) => {
    await expect(service.create("alice", input)).rejects.toBeInstanceOf(BadRequestError);
  });

  test("create rejects a past expiry", async () => {
    await expect(service.create("alice", { name: "old", expiresAt: new Date(clock.getTime() - 1) })).rejects.toBeInstanceOf(
      BadRequestError,
    );
  });

  test("last use is written at most once a minute", async () => {
    const created = await service.create("carol", { name: "usage" });
    const first = await service.verify(created.token);
    expect(first?.lastUsedAt?.getTime()).toBe(clock.getTime());
    const firstUse = clock.getTime();

    clock = new Date(firstUse + lastUsedResolutionMs - 1);
    await service.verify(created.token);
    const [unchanged] = await service.list("carol");
    expect(unchanged?.lastUsedAt?.getTime()).toBe(firstUse);

    clock = new Date(firstUse + lastUsedResolutionMs);
    await service.verify(created.token);
    const [advanced] = await service.list("carol");
    expect(advanced?.lastUsedAt?.getTime()).toBe(firstUse + lastUsedResolutionMs);
  });

  test("per-user limit", async () => {
    for (let index = 0; index < maxTokensPerUser; index++) {
      await service.create("dave", { name: `token ${index}` });
    }
    await expect(service.create("dave", { name: "one too many" })).rejects.toBeInstanceOf(BadRequestError);
    expect((await service.create("erin", { name: "others unaffected" })).token).toBeDefined();
  });

  test("auth service resolves roles from the directory", async () => {
    const configured = new DevAuthService({
      devToken: "main-token-0123456789",
      devUserLogin: "alice",
      devOrgLogin: "acme",
      devUsers: [{ token: "viewer-token-0123456789", login: "victor", orgs: { acme: "viewer" } }],
    });
    const users = userDirectoryFromTokens(configured, ["main-token-0123456789", "viewer-token-0123456789"]);
    const auth = new AccessTokenAuthService({ tokens: service, users });

    const alice = await service.create("alice", { name: "alice laptop" });
    const caller = await auth.authenticate(alice.token);
    expect(caller?.login).toBe("alice");
    expect(caller?.memberships).toEqual([{ orgName: "acme", role: "admin" }]);
    expect(caller?.tokenName).toBe("alice laptop");

    const victor = await service.create("victor", { name: "victor laptop" });
    expect((await auth.authenticate(victor.token))?.memberships).toEqual([{ orgName: "acme", role: "viewer" }]);

    const stranger = await service.create("mallory", { name: "not configured" });
    expect(await auth.authenticate(stranger.token)).toBeUndefined();
  });
});
