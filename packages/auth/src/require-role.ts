import { type Caller, ForbiddenError, NotFoundError, type Role, roleAtLeast, roleInOrg } from "@procella/types";

/**
 * Checks that `caller` has at least `required` in `orgName`. A caller who is
 * not a member gets a not-found error, so other organizations' names and
 * stacks stay invisible; a member with too weak a role gets a forbidden error.
 */
export function requireRole(caller: Caller, orgName: string, required: Role): Role {
  const role = roleInOrg(caller, orgName);
  if (role === undefined) {
    throw new NotFoundError(`Organization '${orgName}' not found.`);
  }
  if (!roleAtLeast(role, required)) {
    throw new ForbiddenError(
      `Forbidden: this action needs the '${required}' role in organization '${orgName}', and '${caller.login}' has '${role}'.`,
    );
  }
  return role;
}
