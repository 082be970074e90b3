import { BadRequestError } from "./errors.ts";

/**
 * Name rules of the Pulumi CLI (sdk/go/common/tokens and pkg/util/validation
 * at v3.276.0). The server applies the same rules so that anything it stores
 * is something the CLI can parse back.
 */
const stackOrProjectPattern = /^[A-Za-z0-9_.-]+$/;
const orgPattern = /^[a-zA-Z0-9][a-zA-Z0-9-_]{1,38}[a-zA-Z0-9]$/;
const tagNamePattern = /^[a-zA-Z0-9-_.:]{1,40}$/;

export const maxStackNameLength = 100;
export const maxProjectNameLength = 100;
export const maxTagValueLength = 256;

/** `.` and `..` match the character rules, but URL path cleaning removes them, so no request could name them. */
function isDotSegment(name: string): boolean {
  return name === "." || name === "..";
}

export function validateStackName(name: string): void {
  if (isDotSegment(name)) {
    throw new BadRequestError(`Invalid stack name "${name}": a stack name may not be "." or "..".`);
  }
  if (name.length === 0) {
    throw new BadRequestError("Invalid stack name: a stack name may not be empty.");
  }
  if (name.length > maxStackNameLength) {
    throw new BadRequestError(
      `Invalid stack name "${name.slice(0, 40)}…": a stack name may be at most ${maxStackNameLength} characters long.`,
    );
  }
  if (!stackOrProjectPattern.test(name)) {
    throw new BadRequestError(
      `Invalid stack name "${name}": a stack name may only contain alphanumeric characters, hyphens, underscores, or periods.`,
    );
  }
}

export function validateProjectName(name: string): void {
  if (isDotSegment(name)) {
    throw new BadRequestError(`Invalid project name "${name}": a project name may not be "." or "..".`);
  }
  if (name.length === 0) {
    throw new BadRequestError("Invalid project name: a project name may not be empty.");
  }
  if (name.length > maxProjectNameLength) {
    throw new BadRequestError(
      `Invalid project name "${name.slice(0, 40)}…": a project name may be at most ${maxProjectNameLength} characters long.`,
    );
  }
  if (!stackOrProjectPattern.test(name)) {
    throw new BadRequestError(
      `Invalid project name "${name}": a project name may only contain alphanumeric characters, hyphens, underscores, or periods.`,
    );
  }
}

export function isValidOrgName(name: string): boolean {
  return orgPattern.test(name);
}

export function validateOrgName(name: string): void {
  if (!orgPattern.test(name)) {
    throw new BadRequestError(
      `Invalid organization name "${name.slice(0, 60)}": an organization name must be 3 to 40 characters of letters, digits, hyphens or underscores, and start and end with a letter or digit.`,
    );
  }
}

export function validateTag(name: string, value: string): void {
  if (!tagNamePattern.test(name)) {
    throw new BadRequestError(
      `Invalid stack tag "${name.slice(0, 60)}": a tag name must be 1 to 40 characters of letters, digits, hyphens, underscores, periods or colons.`,
    );
  }
  if (value.length > maxTagValueLength) {
    throw new BadRequestError(
      `Invalid value for stack tag "${name}": a tag value may be at most ${maxTagValueLength} characters long.`,
    );
  }
}

export function validateTags(tags: Record<string, string>): void {
  for (const [name, value] of Object.entries(tags)) {
    validateTag(name, value);
  }
}
