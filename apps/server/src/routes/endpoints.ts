import type { Handler } from "hono";

import type { Role } from "@procella/types";

import type { AppEnv } from "../env.ts";
import { getCapabilities } from "./session/capabilities.ts";
import { getCliVersion, getCurrentUser, getDefaultOrganization } from "./session/user.ts";
import { createStack } from "./stacks/create.ts";
import { logDecryption } from "./stacks/decryption-audit.ts";
import { deleteStack } from "./stacks/delete.ts";
import { exportStack } from "./stacks/export.ts";
import { getStack, headProject } from "./stacks/get.ts";
import { listOrgStacks, listUserStacks } from "./stacks/list.ts";
import { renameStack } from "./stacks/rename.ts";
import { replaceStackTags } from "./stacks/tags.ts";

export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/**
 * One Pulumi service endpoint. `auth` says which credential it takes:
 * `token` is `Authorization: token <access token>`, `lease` is
 * `Authorization: update-token <lease>` of a running update. Paths with
 * `:org` check the caller's role there: `role`, or the method's default
 * (GET and HEAD viewer, POST/PATCH/PUT member, DELETE admin).
 */
export interface Endpoint {
  name: string;
  method: HttpMethod;
  path: string;
  auth: "token" | "lease";
  role?: Role;
  handler: Handler<AppEnv>;
}

const stack = "/api/stacks/:org/:project/:stack";

/** Every /api endpoint the server serves; logs and coverage tests use these names. */
export const endpoints: readonly Endpoint[] = [
  { name: "getCapabilities", method: "GET", path: "/api/capabilities", auth: "token", handler: getCapabilities },
  { name: "getCliVersion", method: "GET", path: "/api/cli/version", auth: "token", handler: getCliVersion },
  { name: "getCurrentUser", method: "GET", path: "/api/user", auth: "token", handler: getCurrentUser },
  {
    name: "getDefaultOrganization",
    method: "GET",
    path: "/api/user/organizations/default",
    auth: "token",
    handler: getDefaultOrganization,
  },
  { name: "listUserStacks", method: "GET", path: "/api/user/stacks", auth: "token", handler: listUserStacks },
  { name: "listOrgStacks", method: "GET", path: "/api/stacks/:org", auth: "token", handler: listOrgStacks },
  // Hono routes HEAD requests to GET handlers (and drops the body), so the CLI's HEAD lands here.
  { name: "headProject", method: "GET", path: "/api/stacks/:org/:project", auth: "token", handler: headProject },
  { name: "createStack", method: "POST", path: "/api/stacks/:org/:project", auth: "token", handler: createStack },
  { name: "getStack", method: "GET", path: stack, auth: "token", handler: getStack },
  { name: "deleteStack", method: "DELETE", path: stack, auth: "token", handler: deleteStack },
  { name: "updateStackTags", method: "PATCH", path: `${stack}/tags`, auth: "token", handler: replaceStackTags },
  { name: "renameStack", method: "POST", path: `${stack}/rename`, auth: "token", handler: renameStack },
  { name: "exportStack", method: "GET", path: `${stack}/export`, auth: "token", handler: exportStack },
  { name: "exportStackVersion", method: "GET", path: `${stack}/export/:version`, auth: "token", handler: exportStack },
  // Showing secrets is a read, so viewers may report it.
  {
    name: "logDecryption",
    method: "POST",
    path: `${stack}/decrypt/log-decryption`,
    auth: "token",
    role: "viewer",
    handler: logDecryption,
  },
  {
    name: "logBatchDecryption",
    method: "POST",
    path: `${stack}/decrypt/log-batch-decryption`,
    auth: "token",
    role: "viewer",
    handler: logDecryption,
  },
];
