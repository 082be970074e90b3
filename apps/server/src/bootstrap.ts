import { chmodSync, mkdirSync } from "node:fs";
import path from "node:path";

import { type AuthService, DevAuthService } from "@procella/auth";
import {
  AccessTokenAuthService,
  type AccessTokenService,
  PostgresAccessTokenService,
  userDirectoryFromTokens,
} from "@procella/auth/access-tokens";
import type { Config } from "@procella/config";
import { AesCryptoService, type CryptoService, NopCryptoService, parseMasterKey } from "@procella/crypto";
import { connectDatabase, type DatabaseHandle, migrateDatabase } from "@procella/db";
import { PostgresStacksService } from "@procella/stacks";
import { type BlobStorage, LocalBlobStorage, S3BlobStorage } from "@procella/storage";
import type { Logger } from "@procella/types";
import { GcWorker, PostgresUpdatesService } from "@procella/updates";

import { devTokenFromDataDir, encryptionKeyFromDataDir } from "./embedded-secrets.ts";
import type { Services } from "./env.ts";

/** The Pulumi CLI ignores the lease expiry it is sent and assumes this lifetime (v3.276.0, token_source.go). */
const cliLeaseAssumptionSeconds = 300;

export interface BootstrapResult {
  services: Services;
  /** The dev token, when the server generated or loaded it from the data directory, to print in the login line. */
  devToken?: string;
  /** Cancels abandoned updates; main starts it once the server listens. */
  gcWorker: GcWorker;
}

async function openDatabase(config: Readonly<Config>): Promise<DatabaseHandle> {
  const handle = config.database.url
    ? await connectDatabase({ kind: "postgres", url: config.database.url, poolSize: config.database.poolSize })
    : await connectDatabase({ kind: "pglite", dataDir: path.join(config.dataDir, "pglite") });
  await migrateDatabase(handle);
  return handle;
}

async function openBlobStorage(config: Readonly<Config>, logger: Logger): Promise<BlobStorage> {
  const blob = config.blob;
  const storage =
    blob.backend === "s3"
      ? new S3BlobStorage({
          bucket: blob.bucket,
          prefix: blob.prefix,
          endpoint: blob.endpoint,
          region: blob.region,
          forcePathStyle: blob.forcePathStyle,
          logger: logger.child({ component: "s3" }),
        })
      : new LocalBlobStorage({ root: blob.dir });
  await storage.check();
  return storage;
}

function createCrypto(config: Readonly<Config>, logger: Logger): CryptoService {
  if (config.encryptionKey) {
    return new AesCryptoService({ masterKey: parseMasterKey(config.encryptionKey) });
  }
  if (config.auth.mode === "dev") {
    const key = encryptionKeyFromDataDir(config.dataDir);
    logger.warn("using a generated encryption key from the data directory; production needs PROCELLA_ENCRYPTION_KEY", {
      keyFile: path.join(config.dataDir, "encryption-key"),
      created: key.created,
    });
    return new AesCryptoService({ masterKey: parseMasterKey(key.value) });
  }
  logger.warn("PROCELLA_ENCRYPTION_KEY is not set; secrets operations will fail until it is");
  return new NopCryptoService();
}

function createAuth(
  config: Readonly<Config>,
  database: DatabaseHandle,
): { auth: AuthService; tokens: AccessTokenService; devToken?: string } {
  if (config.auth.mode === "descope") {
    // TODO: build DescopeAuthService once Descope session validation is implemented.
    throw new Error("PROCELLA_AUTH_MODE=descope is not supported yet; use PROCELLA_AUTH_MODE=dev");
  }
  const devToken = config.auth.devToken ?? devTokenFromDataDir(config.dataDir).value;
  const configured = {
    devToken,
    devUserLogin: config.auth.devUserLogin,
    devOrgLogin: config.auth.devOrgLogin,
    devUsers: config.auth.devUsers,
  };
  // Tokens created in the dashboard belong to a configured user and carry that user's current roles.
  const users = userDirectoryFromTokens(new DevAuthService(configured), [
    devToken,
    ...config.auth.devUsers.map((user) => user.token),
  ]);
  const tokens = new PostgresAccessTokenService({ db: database.db });
  const auth = new DevAuthService({ ...configured, fallback: new AccessTokenAuthService({ tokens, users }) });
  return { auth, tokens, devToken: config.auth.devToken ? undefined : devToken };
}

/** Builds every service once, from configuration: the composition root. */
export async function bootstrap(config: Readonly<Config>, logger: Logger): Promise<BootstrapResult> {
  // The data directory holds the database, blobs, the dev token and the master key: only the server's user may enter it.
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  chmodSync(config.dataDir, 0o700);
  const database = await openDatabase(config);
  const blobs = await openBlobStorage(config, logger);
  const crypto = createCrypto(config, logger);
  const { auth, tokens, devToken } = createAuth(config, database);
  const stacks = new PostgresStacksService({ db: database.db, blobs });
  const updates = new PostgresUpdatesService({
    db: database.db,
    blobs,
    logger: logger.child({ component: "updates" }),
    leaseSeconds: config.leaseSeconds,
    unstartedSeconds: config.gcUnstartedSeconds,
    reloadStack: (id) => stacks.getStackById(id),
  });
  if (config.leaseSeconds < cliLeaseAssumptionSeconds) {
    logger.warn("PROCELLA_LEASE_SECONDS is below 300; updates that run longer than the lease will be cancelled", {
      leaseSeconds: config.leaseSeconds,
      reason: "the Pulumi CLI assumes 300-second leases and renews only after half of that",
    });
  }
  const gcWorker = new GcWorker({
    database,
    updates,
    logger: logger.child({ component: "gc" }),
    intervalSeconds: config.gcIntervalSeconds,
  });

  return {
    services: { config, logger, database, blobs, crypto, auth, tokens, stacks, updates },
    devToken,
    gcWorker,
  };
}
