import { and, count, desc, eq, isNull, lte, or } from "drizzle-orm";

import { type AccessTokenRow, type Database, accessTokens } from "@procella/db";
import { BadRequestError, NotFoundError } from "@procella/types";

import { generateAccessToken, hashToken } from "./token-hash.ts";

/** An access token as listed to its owner; the token itself is never stored, only its hash. */
export interface AccessTokenRecord {
  id: string;
  userLogin: string;
  name: string;
  createdAt: Date;
  lastUsedAt?: Date;
  expiresAt?: Date;
}

export interface CreatedAccessToken {
  /** The plaintext token; it is returned once, here, and cannot be read back later. */
  token: string;
  record: AccessTokenRecord;
}

/** Personal access tokens created from the dashboard (and by the CLI's browser login). */
export interface AccessTokenService {
  /** Creates a token for `userLogin`; throws BadRequestError for an invalid name or expiry, or past the per-user limit. */
  create(userLogin: string, input: { name: string; expiresAt?: Date }): Promise<CreatedAccessToken>;
  /** The user's tokens that are not revoked, newest first; expired ones are included so the owner can see them. */
  list(userLogin: string): Promise<AccessTokenRecord[]>;
  /** Revokes one of the user's tokens; throws NotFoundError when it is not theirs or already revoked. */
  revoke(userLogin: string, id: string): Promise<void>;
  /** Returns the record of a valid (not revoked, not expired) token, or undefined. */
  verify(token: string): Promise<AccessTokenRecord | undefined>;
}

export interface PostgresAccessTokenServiceOptions {
  db: Database;
  /** Current time; tests pass a fake clock. */
  now?: () => Date;
}

export const maxTokenNameLength = 200;
/** Active tokens one user may hold, so a script in a loop cannot fill the table. */
export const maxTokensPerUser = 100;
/** `lastUsedAt` is written at most once per this interval per token, so each authenticated request is not a write. */
export const lastUsedResolutionMs = 60_000;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toRecord(row: AccessTokenRow): AccessTokenRecord {
  return {
    id: row.id,
    userLogin: row.userLogin,
    name: row.name,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt ?? undefined,
    expiresAt: row.expiresAt ?? undefined,
  };
}

export class PostgresAccessTokenService implements AccessTokenService {
  readonly #db: Database;
  readonly #now: () => Date;

  constructor(options: PostgresAccessTokenServiceOptions) {
    this.#db = options.db;
    this.#now = options.now ?? (() => new Date());
  }

  async create(userLogin: string, input: { name: string; expiresAt?: Date }): Promise<CreatedAccessToken> {
    const name = input.name.trim();
    if (name.length === 0 || name.length > maxTokenNameLength) {
      throw new BadRequestError(`Invalid token name: a name must be 1 to ${maxTokenNameLength} characters long.`);
    }
    if (input.expiresAt !== undefined && input.expiresAt.getTime() <= this.#now().getTime()) {
      throw new BadRequestError("Invalid token expiry: the expiry time must be in the future.");
    }
    const [existing] = await this.#db
      .select({ total: count() })
      .from(accessTokens)
      .where(and(eq(accessTokens.userLogin, userLogin), isNull(accessTokens.revokedAt)));
    if ((existing?.total ?? 0) >= maxTokensPerUser) {
      throw new BadRequestError(
        `Too many access tokens: '${userLogin}' already has ${maxTokensPerUser}, the maximum. Revoke unused tokens first.`,
      );
    }

    const token = generateAccessToken();
    const [row] = await this.#db
      .insert(accessTokens)
      .values({ userLogin, name, tokenHash: hashToken(token), createdAt: this.#now(), expiresAt: input.expiresAt })
      .returning();
    if (!row) {
      throw new Error("access token insert returned no row");
    }
    return { token, record: toRecord(row) };
  }

  async list(userLogin: string): Promise<AccessTokenRecord[]> {
    const rows = await this.#db
      .select()
      .from(accessTokens)
      .where(and(eq(accessTokens.userLogin, userLogin), isNull(accessTokens.revokedAt)))
      .orderBy(desc(accessTokens.createdAt), desc(accessTokens.id));
    return rows.map(toRecord);
  }

  async revoke(userLogin: string, id: string): Promise<void> {
    // A malformed id would make PostgreSQL reject the uuid cast; it names no token either way.
    const rows = uuidPattern.test(id)
      ? await this.#db
          .update(accessTokens)
          .set({ revokedAt: this.#now() })
          .where(and(eq(accessTokens.id, id), eq(accessTokens.userLogin, userLogin), isNull(accessTokens.revokedAt)))
          .returning({ id: accessTokens.id })
      : [];
    if (rows.length === 0) {
      throw new NotFoundError(`Access token '${id.slice(0, 40)}' not found.`);
    }
  }

  async verify(token: string): Promise<AccessTokenRecord | undefined> {
    const [row] = await this.#db
      .select()
      .from(accessTokens)
      .where(eq(accessTokens.tokenHash, hashToken(token)))
      .limit(1);
    const now = this.#now();
    if (!row || row.revokedAt !== null || (row.expiresAt !== null && row.expiresAt.getTime() <= now.getTime())) {
      return undefined;
    }

    if (row.lastUsedAt === null || now.getTime() - row.lastUsedAt.getTime() >= lastUsedResolutionMs) {
      // The condition repeats the check in SQL, so concurrent requests on several replicas write once.
      const staleBefore = new Date(now.getTime() - lastUsedResolutionMs);
      await this.#db
        .update(accessTokens)
        .set({ lastUsedAt: now })
        .where(
          and(
            eq(accessTokens.id, row.id),
            or(isNull(accessTokens.lastUsedAt), lte(accessTokens.lastUsedAt, staleBefore)),
          ),
        );
      return toRecord({ ...row, lastUsedAt: now });
    }
    return toRecord(row);
  }
}
