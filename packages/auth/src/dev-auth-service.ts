import type { DevUser } from "@procella/config";
import type { Caller } from "@procella/types";

import type { AuthService } from "./auth-service.ts";
import { tokensEqual } from "./token-hash.ts";

export interface DevAuthServiceOptions {
  /** Token of the main dev user, who is admin of `devOrgLogin`. */
  devToken: string;
  devUserLogin: string;
  devOrgLogin: string;
  /** Further users with a role per organization. */
  devUsers?: readonly DevUser[];
  /** Tokens created from the dashboard, checked after the configured ones. */
  fallback?: AuthService;
}

interface TokenEntry {
  token: string;
  caller: Caller;
}

/** Token authentication from configuration, for development and small installs. */
export class DevAuthService implements AuthService {
  readonly #entries: TokenEntry[];
  readonly #fallback?: AuthService;

  constructor(options: DevAuthServiceOptions) {
    const mainUser: TokenEntry = {
      token: options.devToken,
      caller: {
        userId: `dev:${options.devUserLogin}`,
        login: options.devUserLogin,
        name: options.devUserLogin,
        email: `${options.devUserLogin}@localhost`,
        memberships: [{ orgName: options.devOrgLogin, role: "admin" }],
        tokenName: "dev token",
      },
    };
    const extraUsers = (options.devUsers ?? []).map(
      (user): TokenEntry => ({
        token: user.token,
        caller: {
          userId: `dev:${user.login}`,
          login: user.login,
          name: user.name ?? user.login,
          email: user.email ?? `${user.login}@localhost`,
          memberships: Object.entries(user.orgs).map(([orgName, role]) => ({ orgName, role })),
          tokenName: "dev token",
        },
      }),
    );
    this.#entries = [mainUser, ...extraUsers];
    this.#fallback = options.fallback;
  }

  async authenticate(token: string): Promise<Caller | undefined> {
    // Compare against every entry so the time taken does not reveal which one matched.
    let match: Caller | undefined;
    for (const entry of this.#entries) {
      if (tokensEqual(token, entry.token) && match === undefined) {
        match = entry.caller;
      }
    }
    if (match) {
      return structuredClone(match);
    }
    return this.#fallback?.authenticate(token);
  }
}
