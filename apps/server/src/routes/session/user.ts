import type { Context } from "hono";

import type { AppEnv } from "../../env.ts";
import { requireCaller } from "../caller.ts";

/** `GET /api/user`: the CLI's login check and `pulumi whoami`. */
export function getCurrentUser(c: Context<AppEnv>) {
  const caller = requireCaller(c);
  return c.json({
    githubLogin: caller.login,
    name: caller.name,
    email: caller.email,
    avatarUrl: "",
    organizations: caller.memberships.map((membership) => ({
      githubLogin: membership.orgName,
      name: membership.orgName,
      avatarUrl: "",
    })),
    identities: [],
    siteAdmin: false,
    // No tokenInfo: the CLI then reports a personal token, which dev and dashboard tokens are.
    tokenInfo: undefined,
  });
}

/**
 * `GET /api/user/organizations/default`: the organization the CLI uses when a
 * stack name has none. The field name is Go's untagged `GitHubLogin`.
 */
export function getDefaultOrganization(c: Context<AppEnv>) {
  const caller = requireCaller(c);
  const first = caller.memberships[0];
  return c.json({ GitHubLogin: first?.orgName ?? caller.login, Messages: [] });
}

/**
 * `GET /api/cli/version`: the CLI only asks api.pulumi.com, but answer
 * something sensible for anyone who asks this server.
 */
export function getCliVersion(c: Context<AppEnv>) {
  return c.json({ latestVersion: "3.276.0", oldestWithoutWarning: "3.0.0" });
}
