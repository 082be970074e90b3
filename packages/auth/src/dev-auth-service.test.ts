import { describe, expect, test } from "bun:test";

import { ForbiddenError, NotFoundError } from "@procella/types";

import { DevAuthService } from "./dev-auth-service.ts";
import { requireRole } from "./require-role.ts";

const service = new DevAuthService({
  devToken: "main-token-0123456789",
  devUserLogin: "alice",
  devOrgLogin: "acme",
  devUsers: [{ token: "viewer-token-0123456789", login: "vera", orgs: { acme: "viewer", other: "admin" } }],
});

describe("DevAuthService", () => {
  test("main token is admin of the dev org", async () => {
    const caller = await service.authenticate("main-token-0123456789");
    expect(caller?.login).toBe("alice");
    expect(caller?.memberships).toEqual([{ orgName: "acme", role: "admin" }]);
  });

  test("extra users carry their roles", async () => {
    const caller = await service.authenticate("viewer-token-0123456789");
    expect(caller?.memberships).toContainEqual({ orgName: "acme", role: "viewer" });
    expect(caller?.memberships).toContainEqual({ orgName: "other", role: "admin" });
  });

  test.each(["", "main-token-012345678", "main-token-0123456789x", "MAIN-TOKEN-0123456789"])(
    "rejects token %p",
    async (token) => {
      expect(await service.authenticate(token)).toBeUndefined();
    },
  );
});

describe("requireRole", () => {
  test("viewer may read, not write", async () => {
    const caller = await service.authenticate("viewer-token-0123456789");
    if (!caller) throw new Error("no caller");
    expect(requireRole(caller, "acme", "viewer")).toBe("viewer");
    expect(() => requireRole(caller, "acme", "member")).toThrow(ForbiddenError);
  });

  test("non-member gets not found", async () => {
    const caller = await service.authenticate("main-token-0123456789");
    if (!caller) throw new Error("no caller");
    expect(() => requireRole(caller, "other", "viewer")).toThrow(NotFoundError);
  });
});
