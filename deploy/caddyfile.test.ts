import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, test } from "bun:test";

import { loadConfig } from "../packages/config/src/index.ts";
import { repoRoot, runCommand, toolAvailable, toolEnv } from "./tools.ts";

const caddyfile = path.join(repoRoot, "Caddyfile");
const nanosecondsPerMinute = 60 * 1e9;

/** The parts of Caddy's JSON config that these tests read. */
interface AdaptedConfig {
  admin?: { disabled?: boolean; listen?: string };
  apps: {
    http: {
      servers: Record<
        string,
        {
          listen: string[];
          read_timeout?: number;
          read_header_timeout?: number;
          write_timeout?: number;
          routes: unknown[];
        }
      >;
    };
  };
}

/** Collects every handler object in `routes`, including those nested in subroutes. */
function collectHandlers(value: unknown, found: HandlerConfig[] = []): HandlerConfig[] {
  if (Array.isArray(value)) {
    for (const item of value) {
      collectHandlers(item, found);
    }
  } else if (value !== null && typeof value === "object") {
    if (typeof (value as { handler?: unknown }).handler === "string") {
      found.push(value as HandlerConfig);
    }
    for (const child of Object.values(value)) {
      collectHandlers(child, found);
    }
  }
  return found;
}

interface HandlerConfig {
  handler: string;
  max_size?: number;
  upstreams?: Array<{ dial: string }>;
  load_balancing?: { selection_policy?: { policy: string }; try_duration?: number };
  health_checks?: { active?: { uri?: string }; passive?: { fail_duration?: number } };
  transport?: { response_header_timeout?: number; dial_timeout?: number };
}

describe.skipIf(!toolAvailable(Bun.which("caddy") !== null, "Caddyfile validation needs caddy (apt-get install caddy)"))(
  "Caddyfile",
  () => {
    let stateDir: string;

    /** Caddy's environment: HOME and XDG folders in a temp dir so it writes nothing elsewhere. */
    function caddyEnv(extra: Record<string, string> = {}): Record<string, string> {
      return toolEnv({
        HOME: stateDir,
        XDG_CONFIG_HOME: path.join(stateDir, "config"),
        XDG_DATA_HOME: path.join(stateDir, "data"),
        ...extra,
      });
    }

    /** `caddy adapt` only parses, so unlike `validate` it never starts health checks against the upstreams. */
    function adapt(extra: Record<string, string> = {}) {
      const result = runCommand(["caddy", "adapt", "--config", caddyfile, "--adapter", "caddyfile"], {
        env: caddyEnv(extra),
      });
      expect(result.stderr).not.toContain("Error");
      expect(result.code).toBe(0);
      const config = JSON.parse(result.stdout) as AdaptedConfig;
      const server = Object.values(config.apps.http.servers)[0];
      const handlers = collectHandlers(server?.routes ?? []);
      const byName = (name: string) => handlers.find((handler) => handler.handler === name);
      return { config, server, requestBody: byName("request_body"), proxy: byName("reverse_proxy") };
    }

    beforeAll(() => {
      stateDir = mkdtempSync(path.join(os.tmpdir(), "procella-caddyfile-"));
    });

    afterAll(() => {
      rmSync(stateDir, { recursive: true, force: true });
    });

    test("caddy validate accepts it", () => {
      // Loopback upstreams: validate provisions the proxy, and newer Caddy versions start health checks then.
      const result = runCommand(["caddy", "validate", "--config", caddyfile, "--adapter", "caddyfile"], {
        env: caddyEnv({ PROCELLA_UPSTREAMS: "127.0.0.1:9 127.0.0.1:10 127.0.0.1:11", PROCELLA_CADDY_ADMIN: "off" }),
      });
      expect(result.stdout).toContain("Valid configuration");
      expect(result.code).toBe(0);
    });

    test("caddy validate accepts a TLS site", () => {
      const result = runCommand(["caddy", "validate", "--config", caddyfile, "--adapter", "caddyfile"], {
        env: caddyEnv({
          PROCELLA_SITE_ADDRESS: "procella.example.com",
          PROCELLA_UPSTREAMS: "127.0.0.1:9",
          PROCELLA_CADDY_ADMIN: "off",
        }),
      });
      expect(result.stdout).toContain("Valid configuration");
      expect(result.code).toBe(0);
    });

    test("formatted as caddy fmt writes it", () => {
      const result = runCommand(["caddy", "fmt", caddyfile], { env: caddyEnv() });
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(readFileSync(caddyfile, "utf8"));
    });

    test("defaults match compose and server", () => {
      const { config, server, requestBody, proxy } = adapt();
      expect(server?.listen).toEqual([":80"]);
      expect(config.admin?.listen).toBe("localhost:2019");
      expect(proxy?.upstreams).toEqual([{ dial: "procella:9090" }]);
      expect(requestBody?.max_size).toBe(loadConfig({}).maxBodyBytes);
    });

    test("load balancing and health checks", () => {
      const { proxy } = adapt();
      expect(proxy?.load_balancing?.selection_policy?.policy).toBe("round_robin");
      expect(proxy?.load_balancing?.try_duration).toBeGreaterThan(0);
      expect(proxy?.health_checks?.active?.uri).toBe("/healthz");
      // Passive checks would count a client's oversized upload against the replica.
      expect(proxy?.health_checks?.passive).toBeUndefined();
    });

    test("timeouts allow multi-minute requests", () => {
      const { server, proxy } = adapt();
      expect(proxy?.transport?.response_header_timeout).toBeGreaterThanOrEqual(5 * nanosecondsPerMinute);
      expect(server?.read_timeout).toBeGreaterThanOrEqual(5 * nanosecondsPerMinute);
      expect(server?.write_timeout).toBeUndefined();
    });

    test("environment sets upstreams, address and limit", () => {
      const upstreams = ["127.0.0.1:7001", "127.0.0.1:7002", "127.0.0.1:7003"];
      const { config, server, requestBody, proxy } = adapt({
        PROCELLA_UPSTREAMS: upstreams.join(" "),
        PROCELLA_SITE_ADDRESS: "http://127.0.0.1:8443",
        PROCELLA_CADDY_BIND: "127.0.0.1",
        PROCELLA_CADDY_ADMIN: "off",
        PROCELLA_MAX_BODY_BYTES: "1048576",
      });
      expect(proxy?.upstreams).toEqual(upstreams.map((dial) => ({ dial })));
      expect(server?.listen).toEqual(["127.0.0.1:8443"]);
      expect(config.admin?.disabled).toBe(true);
      expect(requestBody?.max_size).toBe(1048576);
    });
  },
);
