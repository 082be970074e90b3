import type { AuthService } from "@procella/auth";
import type { AccessTokenService } from "@procella/auth/access-tokens";
import type { Config } from "@procella/config";
import type { DatabaseHandle } from "@procella/db";
import type { CryptoService } from "@procella/crypto";
import type { StacksService } from "@procella/stacks";
import type { BlobStorage } from "@procella/storage";
import type { Caller, Logger } from "@procella/types";
import type { Lease, UpdatesService } from "@procella/updates";

/** Everything the handlers use, built once by bootstrap. */
export interface Services {
  config: Readonly<Config>;
  logger: Logger;
  database: DatabaseHandle;
  blobs: BlobStorage;
  crypto: CryptoService;
  auth: AuthService;
  /** Personal access tokens created from the dashboard. */
  tokens: AccessTokenService;
  stacks: StacksService;
  updates: UpdatesService;
}

export interface AppEnv {
  Variables: {
    services: Services;
    requestId: string;
    logger: Logger;
    /** Endpoint name from the endpoint table; logged in place of the raw URL. */
    endpoint?: string;
    caller?: Caller;
    lease?: Lease;
    /** An unexpected error, described for the request log line. */
    failure?: Record<string, unknown>;
    /** Pulumi API version N from `Accept: application/vnd.pulumi+N`. */
    apiVersion?: number;
  };
}
