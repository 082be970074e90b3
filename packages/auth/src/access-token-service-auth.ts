import type { Caller } from "@procella/types";

import type { AccessTokenService } from "./access-token-service.ts";
import type { AuthService } from "./auth-service.ts";

/** Looks up a user's current identity and organization roles by login. */
export interface UserDirectory {
  findUser(login: string): Promise<Caller | undefined>;
}

/**
 * Authenticates dashboard-created access tokens. A token names only its
 * owner, and roles come from the directory at each request. A user removed
 * from the directory therefore loses access through every token at once.
 */
export class AccessTokenAuthService implements AuthService {
  readonly #tokens: AccessTokenService;
  readonly #users: UserDirectory;

  constructor(options: { tokens: AccessTokenService; users: UserDirectory }) {
    this.#tokens = options.tokens;
    this.#users = options.users;
  }

  async authenticate(token: string): Promise<Caller | undefined> {
    const record = await this.#tokens.verify(token);
    if (!record) {
      return undefined;
    }
    const user = await this.#users.findUser(record.userLogin);
    return user ? { ...user, tokenName: record.name } : undefined;
  }
}

/**
 * Builds the directory of the users that a token-configured AuthService
 * (DevAuthService) accepts, by authenticating each configured token once on
 * first use. Configuration does not change while the server runs.
 */
export function userDirectoryFromTokens(auth: AuthService, tokens: readonly string[]): UserDirectory {
  let users: Promise<Map<string, Caller>> | undefined;
  const load = async () => {
    const byLogin = new Map<string, Caller>();
    for (const token of tokens) {
      const caller = await auth.authenticate(token);
      if (caller && !byLogin.has(caller.login)) {
        byLogin.set(caller.login, caller);
      }
    }
    return byLogin;
  };
  return {
    async findUser(login) {
      users ??= load();
      const caller = (await users).get(login);
      return caller ? structuredClone(caller) : undefined;
    },
  };
}
