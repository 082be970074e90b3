import { z } from "zod";

import { isValidOrgName, roles } from "@procella/types";

const booleanString = z
  .enum(["true", "false", "1", "0", "yes", "no"], { error: "expected true or false" })
  .transform((value) => value === "true" || value === "1" || value === "yes");

const positiveInt = (unit: string) =>
  z.coerce
    .number({ error: `expected a whole number of ${unit}` })
    .int({ error: `expected a whole number of ${unit}` })
    .positive({ error: `expected a positive number of ${unit}` });

const listenAddress = z
  .string()
  .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]*)?:\d{1,5}$/, {
    error: 'expected "host:port" or ":port", for example ":9090" or "127.0.0.1:9090"',
  });

const devUser = z.object({
  token: z.string().min(16, { error: "each PROCELLA_DEV_USERS token must be at least 16 characters" }),
  login: z.string().min(1),
  name: z.string().optional(),
  email: z.string().optional(),
  orgs: z.record(z.string(), z.enum(roles)),
});
export type DevUser = z.infer<typeof devUser>;

const devUsers = z
  .string()
  .transform((text, context) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      context.addIssue({ code: "custom", message: "expected a JSON array of users" });
      return z.NEVER;
    }
  })
  .pipe(z.array(devUser));

const commaList = z.string().transform((text) =>
  text
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item.length > 0),
);

/** Every PROCELLA_* variable the server reads, with its default. */
export const environmentSchema = z.object({
  PROCELLA_LISTEN_ADDR: listenAddress.default(":9090"),
  PROCELLA_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: "expected a postgres:// or postgresql:// URL" })
    .optional(),
  PROCELLA_DATABASE_POOL_SIZE: positiveInt("connections").default(20),
  PROCELLA_DATA_DIR: z.string().min(1).default("./.procella"),
  PROCELLA_AUTH_MODE: z.enum(["dev", "descope"]).default("dev"),
  PROCELLA_DEV_AUTH_TOKEN: z
    .string()
    .min(16, { error: "the dev token must be at least 16 characters" })
    .optional(),
  PROCELLA_DEV_USER_LOGIN: z.string().min(1).default("dev-user"),
  PROCELLA_DEV_ORG_LOGIN: z
    .string()
    .refine(isValidOrgName, {
      error: "expected 3 to 40 letters, digits, hyphens or underscores, starting and ending with a letter or digit",
    })
    .default("dev-org"),
  PROCELLA_DEV_USERS: devUsers.optional(),
  PROCELLA_DESCOPE_PROJECT_ID: z.string().optional(),
  PROCELLA_DESCOPE_MANAGEMENT_KEY: z.string().optional(),
  PROCELLA_BLOB_BACKEND: z.enum(["local", "s3"]).default("local"),
  PROCELLA_BLOB_LOCAL_DIR: z.string().min(1).optional(),
  PROCELLA_S3_BUCKET: z.string().min(1).optional(),
  PROCELLA_S3_PREFIX: z.string().default(""),
  PROCELLA_S3_ENDPOINT: z.url({ error: "expected an http(s) URL" }).optional(),
  PROCELLA_S3_REGION: z.string().min(1).default("us-east-1"),
  PROCELLA_S3_FORCE_PATH_STYLE: booleanString.default(false),
  PROCELLA_ENCRYPTION_KEY: z.string().optional(),
  PROCELLA_CORS_ORIGINS: commaList.default([]),
  PROCELLA_LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  PROCELLA_MAX_BODY_BYTES: positiveInt("bytes").default(64 * 1024 * 1024),
  PROCELLA_DELTA_CUTOFF_BYTES: positiveInt("bytes").default(512 * 1024),
  PROCELLA_LEASE_SECONDS: positiveInt("seconds").default(300),
  PROCELLA_GC_INTERVAL_SECONDS: positiveInt("seconds").default(60),
  PROCELLA_GC_UNSTARTED_SECONDS: positiveInt("seconds").default(3600),
  PROCELLA_SHUTDOWN_TIMEOUT_SECONDS: positiveInt("seconds").default(30),
  PROCELLA_UI_DIR: z.string().min(1).optional(),
});

export type Environment = z.infer<typeof environmentSchema>;
