import path from "node:path";

import type { z } from "zod";

import { type DevUser, type Environment, environmentSchema } from "./schema.ts";

export interface Config {
  listen: { hostname: string; port: number };
  database: { url?: string; poolSize: number };
  dataDir: string;
  auth: {
    mode: "dev" | "descope";
    devToken?: string;
    devUserLogin: string;
    devOrgLogin: string;
    devUsers: DevUser[];
    descopeProjectId?: string;
    descopeManagementKey?: string;
  };
  blob:
    | { backend: "local"; dir: string }
    | {
        backend: "s3";
        bucket: string;
        prefix: string;
        endpoint?: string;
        region: string;
        forcePathStyle: boolean;
      };
  encryptionKey?: string;
  corsOrigins: string[];
  logLevel: "debug" | "info" | "warn" | "error";
  maxBodyBytes: number;
  deltaCutoffBytes: number;
  leaseSeconds: number;
  gcIntervalSeconds: number;
  gcUnstartedSeconds: number;
  shutdownTimeoutSeconds: number;
  uiDir?: string;
}

/** Raised for invalid configuration; the message names each variable, the problem and the fix. */
export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`invalid configuration:\n  ${problems.join("\n  ")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const variable = issue.path.join(".");
  return `${variable}: ${issue.message}. Fix the variable or unset it to use the default.`;
}

function parseListenAddress(value: string): { hostname: string; port: number } {
  const separator = value.lastIndexOf(":");
  const host = value.slice(0, separator).replace(/^\[|\]$/g, "");
  return { hostname: host === "" ? "0.0.0.0" : host, port: Number(value.slice(separator + 1)) };
}

/** Parses and validates every PROCELLA_* variable of `env`; throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined>): Readonly<Config> {
  const procellaEnv = Object.fromEntries(
    Object.entries(env).filter(([name, value]) => name.startsWith("PROCELLA_") && value !== ""),
  );
  const parsed = environmentSchema.safeParse(procellaEnv);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map(describeIssue));
  }
  const e: Environment = parsed.data;

  const problems: string[] = [];
  const listen = parseListenAddress(e.PROCELLA_LISTEN_ADDR);
  if (listen.port > 65535) {
    problems.push(`PROCELLA_LISTEN_ADDR: port ${listen.port} is out of range. Use a port from 1 to 65535.`);
  }
  if (e.PROCELLA_BLOB_BACKEND === "s3" && !e.PROCELLA_S3_BUCKET) {
    problems.push("PROCELLA_S3_BUCKET: required when PROCELLA_BLOB_BACKEND=s3. Set it to the bucket name.");
  }
  if (e.PROCELLA_AUTH_MODE === "descope" && !e.PROCELLA_DESCOPE_PROJECT_ID) {
    problems.push(
      "PROCELLA_DESCOPE_PROJECT_ID: required when PROCELLA_AUTH_MODE=descope. Set it to your Descope project id.",
    );
  }
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }

  const dataDir = path.resolve(e.PROCELLA_DATA_DIR);
  const blob: Config["blob"] =
    e.PROCELLA_BLOB_BACKEND === "s3"
      ? {
          backend: "s3",
          bucket: e.PROCELLA_S3_BUCKET ?? "",
          prefix: e.PROCELLA_S3_PREFIX,
          endpoint: e.PROCELLA_S3_ENDPOINT,
          region: e.PROCELLA_S3_REGION,
          forcePathStyle: e.PROCELLA_S3_FORCE_PATH_STYLE,
        }
      : { backend: "local", dir: path.resolve(e.PROCELLA_BLOB_LOCAL_DIR ?? path.join(dataDir, "blobs")) };

  return Object.freeze({
    listen,
    database: { url: e.PROCELLA_DATABASE_URL, poolSize: e.PROCELLA_DATABASE_POOL_SIZE },
    dataDir,
    auth: {
      mode: e.PROCELLA_AUTH_MODE,
      devToken: e.PROCELLA_DEV_AUTH_TOKEN,
      devUserLogin: e.PROCELLA_DEV_USER_LOGIN,
      devOrgLogin: e.PROCELLA_DEV_ORG_LOGIN,
      devUsers: e.PROCELLA_DEV_USERS ?? [],
      descopeProjectId: e.PROCELLA_DESCOPE_PROJECT_ID,
      descopeManagementKey: e.PROCELLA_DESCOPE_MANAGEMENT_KEY,
    },
    blob,
    encryptionKey: e.PROCELLA_ENCRYPTION_KEY,
    corsOrigins: e.PROCELLA_CORS_ORIGINS,
    logLevel: e.PROCELLA_LOG_LEVEL,
    maxBodyBytes: e.PROCELLA_MAX_BODY_BYTES,
    deltaCutoffBytes: e.PROCELLA_DELTA_CUTOFF_BYTES,
    leaseSeconds: e.PROCELLA_LEASE_SECONDS,
    gcIntervalSeconds: e.PROCELLA_GC_INTERVAL_SECONDS,
    gcUnstartedSeconds: e.PROCELLA_GC_UNSTARTED_SECONDS,
    shutdownTimeoutSeconds: e.PROCELLA_SHUTDOWN_TIMEOUT_SECONDS,
    uiDir: e.PROCELLA_UI_DIR,
  });
}
