import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import { createTestApp, type TestApp } from "../testing.ts";

const indexHtml = '<!doctype html><html><head><script type="module" src="/assets/app-1a2b3c.js"></script></head></html>';
const script = `console.info(${JSON.stringify("x".repeat(4000))});`;

describe("static SPA routes", () => {
  let uiDir: string;
  let testApp: TestApp;

  beforeAll(async () => {
    uiDir = mkdtempSync(path.join(os.tmpdir(), "procella-ui-test-"));
    mkdirSync(path.join(uiDir, "assets"));
    writeFileSync(path.join(uiDir, "index.html"), indexHtml);
    writeFileSync(path.join(uiDir, "assets", "app-1a2b3c.js"), script);
    writeFileSync(path.join(uiDir, "favicon.svg"), "<svg/>");
    writeFileSync(path.join(uiDir, ".env"), "SECRET=1");
    testApp = await createTestApp("pglite", { PROCELLA_UI_DIR: uiDir });
  });
  afterAll(async () => {
    await testApp?.dispose();
    rmSync(uiDir, { recursive: true, force: true });
  });

  test.each(["/", "/acme/web/dev", "/acme/web/dev.v2/updates/3", "/cli-login?cliSessionPort=1"])(
    "%s serves index.html",
    async (url) => {
      const response = await testApp.app.request(url);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(indexHtml);
      expect(response.headers.get("Cache-Control")).toBe("no-cache");
      expect(response.headers.get("Content-Security-Policy")).toContain("script-src 'self'");
      expect(response.headers.get("Referrer-Policy")).toBe("no-referrer");
    },
  );

  test("hashed asset is cached for a year", async () => {
    const response = await testApp.app.request("/assets/app-1a2b3c.js");
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("Content-Type")).toContain("javascript");
    expect(await response.text()).toBe(script);
  });

  test("asset is gzipped when accepted", async () => {
    const response = await testApp.app.request("/assets/app-1a2b3c.js", { headers: { "Accept-Encoding": "gzip, br" } });
    expect(response.headers.get("Content-Encoding")).toBe("gzip");
    const body = new Uint8Array(await response.arrayBuffer());
    expect(new TextDecoder().decode(Bun.gunzipSync(body))).toBe(script);
  });

  test("other files revalidate hourly", async () => {
    const response = await testApp.app.request("/favicon.svg");
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=3600");
  });

  test.each(["/assets/missing-123.js", "/.env", "/assets/.env", "/a%00b", "/%E0%A4%A"])("%s is not found", async (url) => {
    const response = await testApp.app.request(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("SECRET");
  });

  // The URL parser resolves encoded dot segments first; whatever remains must stay inside the build folder.
  test.each(["/%2e%2e/package.json", "/assets/%2e%2e/%2e%2e/%2e%2e/package.json", "/..%2fpackage.json", "/%2e%2e%2f.env"])(
    "%s stays inside the build",
    async (url) => {
      const response = await testApp.app.request(url);
      const text = await response.text();
      expect(text).not.toContain("workspaces");
      expect(text).not.toContain("SECRET");
      expect([200, 404]).toContain(response.status);
    },
  );

  test("HEAD has headers and no body", async () => {
    const response = await testApp.app.request("/", { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
  });

  test("API paths keep their own not-found answers", async () => {
    const api = await testApp.app.request("/api/nope", { headers: { Accept: "application/vnd.pulumi+9" } });
    expect(api.status).toBe(404);
    expect(((await api.json()) as { code: number }).code).toBe(404);
    const trpc = await testApp.app.request("/trpc/nope.nope");
    expect(trpc.status).toBe(404);
    expect(await trpc.text()).not.toBe(indexHtml);
  });

  test("missing build answers 503 with the build command", async () => {
    const emptyApp = await createTestApp("pglite", { PROCELLA_UI_DIR: path.join(uiDir, "does-not-exist") });
    try {
      const response = await emptyApp.app.request("/acme");
      expect(response.status).toBe(503);
      expect(await response.text()).toContain("bun run build:ui");
    } finally {
      await emptyApp.dispose();
    }
  });
});
