/** Roles within one organization, weakest first. */
export const roles = ["viewer", "member", "admin"] as const;
export type Role = (typeof roles)[number];

export function roleAtLeast(actual: Role, required: Role): boolean {
  return roles.indexOf(actual) >= roles.indexOf(required);
}

export interface OrgMembership {
  orgName: string;
  role: Role;
}

/** The authenticated principal of a request, set by the auth middleware. */
export interface Caller {
  userId: string;
  login: string;
  name: string;
  email: string;
  memberships: OrgMembership[];
  /** Name of the access token used, shown by `pulumi whoami -v`. */
  tokenName?: string;
}

export function roleInOrg(caller: Caller, orgName: string): Role | undefined {
  return caller.memberships.find((membership) => membership.orgName === orgName)?.role;
}
