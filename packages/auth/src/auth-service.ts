import type { Caller } from "@procella/types";

/** Resolves an API access token to its caller. */
export interface AuthService {
  /** Returns the caller of `token`, or undefined when the token is unknown, revoked or expired. */
  authenticate(token: string): Promise<Caller | undefined>;
}
