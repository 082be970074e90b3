import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, test } from "bun:test";

import { environmentSchema, loadConfig } from "../packages/config/src/index.ts";
import { composeCommand, repoRoot, runCommand, toolAvailable, toolEnv } from "./tools.ts";

interface ComposeService {
  image?: string;
  profiles?: string[];
  environment?: Record<string, string | null>;
  depends_on?: Record<string, { condition: string }> | string[];
  healthcheck?: unknown;
  stop_grace_period?: string;
}

interface ComposeConfig {
  services: Record<string, ComposeService>;
}

const compose = composeCommand();
const secrets = {
  POSTGRES_PASSWORD: "compose-test-postgres-password",
  MINIO_ROOT_PASSWORD: "compose-test-minio-password",
  PROCELLA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
  PROCELLA_DEV_AUTH_TOKEN: "compose-test-dev-token-0123456789",
};
const clusterUpstreams = "procella:9090 procella-2:9090 procella-3:9090";
const singleServices = ["caddy", "minio", "minio-init", "postgres", "procella"];
const clusterServices = [...singleServices, "procella-2", "procella-3"].sort();
const replicas = ["procella", "procella-2", "procella-3"];

/** Variables the compose file sets through the image or leaves out because the image fixes them. */
const notPassedThrough = new Set([
  "PROCELLA_LISTEN_ADDR",
  "PROCELLA_DATA_DIR",
  "PROCELLA_BLOB_LOCAL_DIR",
  "PROCELLA_UI_DIR",
]);

function envFileText(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([name, value]) => `${name}=${value}\n`)
    .join("");
}

/** Services that start for the active profiles: those without profiles, and those in one of them. */
function activeServices(config: ComposeConfig, profiles: string[]): string[] {
  return Object.entries(config.services)
    .filter(([, service]) => !service.profiles || service.profiles.some((profile) => profiles.includes(profile)))
    .map(([name]) => name)
    .sort();
}

describe.skipIf(
  !toolAvailable(compose !== undefined, "compose validation needs `docker compose` or `docker-compose` (apt-get install docker-compose)"),
)("docker-compose.yml", () => {
  let projectDir: string;

  /** Runs `compose [--profile P] config` in a copy of the compose file with `.env` containing `envFile`. */
  function composeConfig(envFile: Record<string, string> | undefined, profiles: string[] = []) {
    rmSync(path.join(projectDir, ".env"), { force: true });
    if (envFile) {
      writeFileSync(path.join(projectDir, ".env"), envFileText(envFile));
    }
    const profileArgs = profiles.flatMap((profile) => ["--profile", profile]);
    const result = runCommand([...(compose ?? []), ...profileArgs, "config"], {
      cwd: projectDir,
      env: toolEnv({ HOME: projectDir }),
    });
    return { ...result, config: result.code === 0 ? (Bun.YAML.parse(result.stdout) as ComposeConfig) : undefined };
  }

  function replicaEnvironment(config: ComposeConfig | undefined, name: string): Record<string, string> {
    const environment = config?.services[name]?.environment ?? {};
    return Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, value ?? ""]));
  }

  beforeAll(() => {
    // A copy, so a developer's own .env next to the real file cannot change the result.
    projectDir = mkdtempSync(path.join(os.tmpdir(), "procella-compose-"));
    copyFileSync(path.join(repoRoot, "docker-compose.yml"), path.join(projectDir, "docker-compose.yml"));
    copyFileSync(path.join(repoRoot, "Caddyfile"), path.join(projectDir, "Caddyfile"));
  });

  afterAll(() => {
    rmSync(projectDir, { recursive: true, force: true });
  });

  test("valid without profile", () => {
    const result = composeConfig(secrets);
    expect(result.stderr).not.toContain("ERROR");
    expect(result.code).toBe(0);
    expect(activeServices(result.config as ComposeConfig, [])).toEqual(singleServices);
    expect(result.config?.services.caddy?.environment?.PROCELLA_UPSTREAMS).toBe("procella:9090");
  });

  test("valid with cluster profile", () => {
    const result = composeConfig({ ...secrets, PROCELLA_UPSTREAMS: clusterUpstreams }, ["cluster"]);
    expect(result.code).toBe(0);
    expect(activeServices(result.config as ComposeConfig, ["cluster"])).toEqual(clusterServices);
    expect(result.config?.services.caddy?.environment?.PROCELLA_UPSTREAMS).toBe(clusterUpstreams);
  });

  test("cluster profile from .env", () => {
    const result = composeConfig({ ...secrets, COMPOSE_PROFILES: "cluster", PROCELLA_UPSTREAMS: clusterUpstreams });
    expect(result.code).toBe(0);
    // Compose v2 prints only the active profiles' services; 1.29 prints every service.
    expect(Object.keys(result.config?.services ?? {})).toContain("procella-3");
    expect(result.config?.services.caddy?.environment?.PROCELLA_UPSTREAMS).toBe(clusterUpstreams);
  });

  test("replicas share one configuration", () => {
    const { config } = composeConfig(secrets, ["cluster"]);
    const first = replicaEnvironment(config, "procella");
    for (const name of replicas) {
      expect(replicaEnvironment(config, name)).toEqual(first);
      expect(config?.services[name]?.image).toBe("procella:local");
      expect(config?.services[name]?.stop_grace_period).toBe("45s");
    }
  });

  test("replica environment loads", () => {
    const { config } = composeConfig(secrets);
    const loaded = loadConfig(replicaEnvironment(config, "procella"));
    expect(loaded.database.url).toBe(`postgres://procella:${secrets.POSTGRES_PASSWORD}@postgres:5432/procella`);
    expect(loaded.blob).toMatchObject({ backend: "s3", bucket: "procella", endpoint: "http://minio:9000", forcePathStyle: true });
    expect(loaded.encryptionKey).toBe(secrets.PROCELLA_ENCRYPTION_KEY);
    expect(loaded.auth.devToken).toBe(secrets.PROCELLA_DEV_AUTH_TOKEN);
    expect(loaded.maxBodyBytes).toBe(64 * 1024 * 1024);
  });

  test("every server variable passes through", () => {
    const { config } = composeConfig(secrets);
    const passed = Object.keys(replicaEnvironment(config, "procella")).filter((name) => name.startsWith("PROCELLA_"));
    const known = Object.keys(environmentSchema.shape);
    expect(passed.filter((name) => !known.includes(name))).toEqual([]);
    expect(known.filter((name) => !passed.includes(name) && !notPassedThrough.has(name))).toEqual([]);
  });

  test("caddy body limit follows server setting", () => {
    const { config } = composeConfig({ ...secrets, PROCELLA_MAX_BODY_BYTES: "1048576" });
    expect(config?.services.caddy?.environment?.PROCELLA_MAX_BODY_BYTES).toBe("1048576");
    expect(replicaEnvironment(config, "procella").PROCELLA_MAX_BODY_BYTES).toBe("1048576");
  });

  test("missing secrets are rejected", () => {
    for (const name of Object.keys(secrets)) {
      const partial = Object.fromEntries(Object.entries(secrets).filter(([key]) => key !== name));
      const result = composeConfig(partial);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain(name);
    }
  });

  test("replicas wait for database and bucket", () => {
    const { config } = composeConfig(secrets);
    expect(config?.services.procella?.depends_on).toMatchObject({
      postgres: { condition: "service_healthy" },
      "minio-init": { condition: "service_completed_successfully" },
    });
    expect(config?.services.postgres?.healthcheck).toBeDefined();
  });
});
