import { afterAll, beforeAll, describe, expect, test } from "bun:test";

import { TRPCError } from "@trpc/server";

import { testDatabaseTargets } from "@procella/db/testing";

import { publicMessage } from "../errors.ts";
import { alice, type ApiTestBed, createApiTestBed, victor } from "../testing.ts";

describe.each(testDatabaseTargets())("tokens and session routers on %s", (kind) => {
  let bed: ApiTestBed;

  beforeAll(async () => {
    bed = await createApiTestBed(kind);
  });
  afterAll(async () => {
    await bed?.dispose();
  });

  test("session returns the caller and roles", async () => {
    const me = await bed.as(victor).session.me();
    expect(me.login).toBe("victor");
    expect(me.memberships).toEqual([{ orgName: "acme", role: "viewer" }]);
    await expect(bed.as(undefined).session.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  test("create returns the value once and lists the record", async () => {
    const created = await bed.as(alice).tokens.create({ name: "laptop", expiresInDays: 30 });
    expect(created.token).toMatch(/^pul-/);
    expect(created.record.expiresAt).not.toBeNull();
    const list = await bed.as(alice).tokens.list();
    expect(list.map((token) => token.name)).toContain("laptop");
    expect(JSON.stringify(list)).not.toContain(created.token);
    expect((await bed.services.tokens.verify(created.token))?.userLogin).toBe("alice");
  });

  test("viewer manages own tokens only", async () => {
    const own = await bed.as(victor).tokens.create({ name: "victor ci" });
    expect(own.record.expiresAt).toBeNull();
    const aliceTokens = await bed.as(alice).tokens.list();
    expect(aliceTokens.map((token) => token.id)).not.toContain(own.record.id);
    await expect(bed.as(alice).tokens.revoke({ id: own.record.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await bed.as(victor).tokens.revoke({ id: own.record.id });
    expect(await bed.services.tokens.verify(own.token)).toBeUndefined();
  });

  // The HTTP adapter sends publicMessage(error) as the message; in-process callers see the raw error.
  test("blank name is rejected with a readable message", async () => {
    const error = await bed
      .as(alice)
      .tokens.create({ name: "   " })
      .then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(TRPCError);
    expect(publicMessage(error as TRPCError)).toBe("Invalid input: name: a token needs a name");
  });
});
