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
import { importStack } from "./stacks/import.ts";
import { batchDecrypt, batchEncrypt, decryptValue, encryptValue } from "./stacks/secrets.ts";
import { replaceStackTags } from "./stacks/tags.ts";
import { cancelUpdate, listUpdateEvents } from "./updates/control.ts";
import { createUpdateHandler, getUpdateStatus, startUpdate } from "./updates/create.ts";
import {
  completeUpdate,
  patchCheckpoint,
  patchCheckpointDelta,
  patchCheckpointVerbatim,
  patchJournalEntries,
  postEvent,
  postEventBatch,
  renewLease,
} from "./updates/execution.ts";
import { getLatestUpdate, getUpdateByVersion, listLatestPreviews, listUpdates } from "./updates/history.ts";

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
  /** `lease-or-finished` also accepts the lease of an update that already ended (idempotent complete). */
  auth: "token" | "lease" | "lease-or-finished";
  role?: Role;
  handler: Handler<AppEnv>;
}

const stack = "/api/stacks/:org/:project/:stack";
const update = `${stack}/update/:updateId`;

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
  { name: "importStack", method: "POST", path: `${stack}/import`, auth: "token", handler: importStack },
  { name: "encryptValue", method: "POST", path: `${stack}/encrypt`, auth: "token", handler: encryptValue },
  { name: "batchEncrypt", method: "POST", path: `${stack}/batch-encrypt`, auth: "token", handler: batchEncrypt },
  // Reading state decrypts its secrets, so viewers may decrypt.
  { name: "decryptValue", method: "POST", path: `${stack}/decrypt`, auth: "token", role: "viewer", handler: decryptValue },
  { name: "batchDecrypt", method: "POST", path: `${stack}/batch-decrypt`, auth: "token", role: "viewer", handler: batchDecrypt },
  { name: "listUpdates", method: "GET", path: `${stack}/updates`, auth: "token", handler: listUpdates },
  { name: "getLatestUpdate", method: "GET", path: `${stack}/updates/latest`, auth: "token", handler: getLatestUpdate },
  {
    name: "listLatestPreviews",
    method: "GET",
    path: `${stack}/updates/latest/previews`,
    auth: "token",
    handler: listLatestPreviews,
  },
  { name: "getUpdateByVersion", method: "GET", path: `${stack}/updates/:version`, auth: "token", handler: getUpdateByVersion },
  // Every kind is created under its own segment; all later calls use the literal `update` segment.
  { name: "createUpdate", method: "POST", path: `${stack}/update`, auth: "token", handler: createUpdateHandler("update") },
  { name: "createPreview", method: "POST", path: `${stack}/preview`, auth: "token", handler: createUpdateHandler("preview") },
  { name: "createRefresh", method: "POST", path: `${stack}/refresh`, auth: "token", handler: createUpdateHandler("refresh") },
  { name: "createDestroy", method: "POST", path: `${stack}/destroy`, auth: "token", handler: createUpdateHandler("destroy") },
  { name: "startUpdate", method: "POST", path: update, auth: "token", handler: startUpdate },
  { name: "getUpdateStatus", method: "GET", path: update, auth: "token", handler: getUpdateStatus },
  { name: "cancelUpdate", method: "POST", path: `${update}/cancel`, auth: "token", handler: cancelUpdate },
  { name: "listUpdateEvents", method: "GET", path: `${update}/events`, auth: "token", handler: listUpdateEvents },
  // An ended update's lease is accepted here so that renewLease returns 403, which stops the CLI's renewals.
  { name: "renewLease", method: "POST", path: `${update}/renew_lease`, auth: "lease-or-finished", handler: renewLease },
  { name: "patchCheckpoint", method: "PATCH", path: `${update}/checkpoint`, auth: "lease", handler: patchCheckpoint },
  {
    name: "patchCheckpointVerbatim",
    method: "PATCH",
    path: `${update}/checkpointverbatim`,
    auth: "lease",
    handler: patchCheckpointVerbatim,
  },
  {
    name: "patchCheckpointDelta",
    method: "PATCH",
    path: `${update}/checkpointdelta`,
    auth: "lease",
    handler: patchCheckpointDelta,
  },
  {
    name: "patchJournalEntries",
    method: "PATCH",
    path: `${update}/journalentries`,
    auth: "lease",
    handler: patchJournalEntries,
  },
  { name: "postEventBatch", method: "POST", path: `${update}/events/batch`, auth: "lease", handler: postEventBatch },
  { name: "postEvent", method: "POST", path: `${update}/events`, auth: "lease", handler: postEvent },
  { name: "completeUpdate", method: "POST", path: `${update}/complete`, auth: "lease-or-finished", handler: completeUpdate },
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
