import type { Context } from "hono";

import type { StackRef } from "@procella/stacks";
import { BadRequestError, validateOrgName, validateProjectName, validateStackName } from "@procella/types";

import type { AppEnv } from "../env.ts";

function requiredParam(c: Context<AppEnv>, name: string): string {
  const value = c.req.param(name);
  if (value === undefined) {
    throw new Error(`route has no :${name} parameter`);
  }
  return value;
}

export function orgFromParams(c: Context<AppEnv>): string {
  const orgName = requiredParam(c, "org");
  validateOrgName(orgName);
  return orgName;
}

/** Reads and validates `:org/:project/:stack` with the CLI's naming rules. */
export function stackRefFromParams(c: Context<AppEnv>): StackRef {
  const orgName = orgFromParams(c);
  const projectName = requiredParam(c, "project");
  validateProjectName(projectName);
  const stackName = requiredParam(c, "stack");
  validateStackName(stackName);
  return { orgName, projectName, stackName };
}

/** Parses a positive integer path or query value, with a 400 naming it. */
export function positiveIntParam(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === "") {
    return undefined;
  }
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1) {
    throw new BadRequestError(`Invalid ${name} '${value.slice(0, 20)}': expected a positive whole number.`);
  }
  return Number(value);
}
