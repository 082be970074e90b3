import type { Context } from "hono";

import { requireRole } from "@procella/auth";
import { validateOrgName, validateProjectName, validateTag } from "@procella/types";

import type { AppEnv } from "../../env.ts";
import { requireCaller } from "../caller.ts";
import { orgFromParams } from "../params.ts";
import { toWireStackSummary } from "../wire.ts";

/** Stacks per page for CLIs that follow continuation tokens (API version 8 and later). */
const pageSize = 100;
/** CLIs before API version 8 read only the first page, so they get everything at once. */
const unpagedLimit = 100_000;

function optionalQuery(c: Context<AppEnv>, name: string): string | undefined {
  const value = c.req.query(name);
  return value === undefined || value === "" ? undefined : value;
}

async function listStacks(c: Context<AppEnv>, organization: string | undefined) {
  const caller = requireCaller(c);
  const { stacks } = c.get("services");
  if (organization !== undefined) {
    validateOrgName(organization);
    requireRole(caller, organization, "viewer");
  }
  const tagName = optionalQuery(c, "tagName");
  if (tagName !== undefined) {
    validateTag(tagName, optionalQuery(c, "tagValue") ?? "");
  }
  const project = optionalQuery(c, "project");
  if (project !== undefined) {
    validateProjectName(project);
  }

  const paged = (c.get("apiVersion") ?? 0) >= 8;
  const result = await stacks.listStacks({
    visibleOrgs: caller.memberships.map((membership) => membership.orgName),
    organization,
    project,
    tagName,
    tagValue: optionalQuery(c, "tagValue"),
    continuationToken: optionalQuery(c, "continuationToken"),
    pageSize: paged ? pageSize : unpagedLimit,
  });
  return c.json({
    stacks: result.stacks.map(toWireStackSummary),
    continuationToken: result.continuationToken,
  });
}

/** `GET /api/user/stacks`: `pulumi stack ls`, with organization, project and tag filters. */
export function listUserStacks(c: Context<AppEnv>) {
  return listStacks(c, optionalQuery(c, "organization"));
}

/** `GET /api/stacks/{org}`: the stacks of one organization. */
export function listOrgStacks(c: Context<AppEnv>) {
  return listStacks(c, orgFromParams(c));
}
