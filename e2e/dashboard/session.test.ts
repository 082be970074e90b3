import { afterAll, beforeAll, describe, expect, test } from "bun:test";

import type { Browser } from "playwright-core";

import { E2eEnvironment, e2eTimeoutMs } from "../harness/environment.ts";
import { pulumiAvailable } from "../harness/prerequisites.ts";
import { devUsersEnv, viewerToken } from "../harness/users.ts";
import { chromiumAvailable, launchBrowser, openPage, screenshot } from "./browser.ts";
import { expectNoProblems } from "./fixtures.ts";
import { buildUi } from "./ui-build.ts";

const nonce = "0123456789abcdef".repeat(4);

async function apiStatus(baseUrl: string, token: string): Promise<number> {
  const response = await fetch(`${baseUrl}/api/user`, {
    headers: { Accept: "application/vnd.pulumi+9", Authorization: `token ${token}` },
  });
  return response.status;
}

describe.skipIf(!pulumiAvailable() || !chromiumAvailable())("dashboard session, tokens and settings", () => {
  let env: E2eEnvironment;
  let browser: Browser;

  beforeAll(async () => {
    const uiDir = await buildUi();
    env = await E2eEnvironment.open("pglite", { serverEnv: { PROCELLA_UI_DIR: uiDir, PROCELLA_DEV_USERS: devUsersEnv } });
    browser = await launchBrowser();
  }, e2eTimeoutMs);

  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  test("sign in with a token, deep link kept, sign out clears it", async () => {
    const { context, page } = await openPage(browser, { baseUrl: env.server.url });
    try {
      await page.goto("/settings");
      await page.waitForURL(/\/login\?next=%2Fsettings/);
      await page.getByLabel("Access token").fill("wrong-token-0123456789");
      await page.getByRole("button", { name: "Sign in" }).click();
      const error = page.getByRole("alert");
      await error.waitFor();
      expect(await error.textContent()).toContain("invalid, expired or revoked");
      await screenshot(page, "login-error-1280");

      await page.getByLabel("Access token").fill(env.server.token);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL(/\/settings$/);
      await page.getByRole("heading", { name: "Organizations" }).waitFor();
      expect(await page.evaluate(() => window.localStorage.getItem("procella.accessToken"))).toBe(env.server.token);
      expect(await page.locator("table").textContent()).toContain("admin");
      await screenshot(page, "settings-1280");
      await page.setViewportSize({ width: 800, height: 900 });
      await screenshot(page, "settings-800");

      await page.getByRole("button", { name: "Sign out", exact: true }).click();
      await page.waitForURL(/\/login/);
      expect(await page.evaluate(() => window.localStorage.getItem("procella.accessToken"))).toBeNull();
      await page.goto("/");
      await page.waitForURL(/\/login/);
      await screenshot(page, "login-800");
    } finally {
      await context.close();
    }
  }, e2eTimeoutMs);

  test("login page refuses to send users elsewhere", async () => {
    const { context, page } = await openPage(browser, { baseUrl: env.server.url });
    try {
      await page.goto("/login?next=//evil.example/x");
      await page.getByLabel("Access token").fill(env.server.token);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL(`${env.server.url}/`);
      expect(new URL(page.url()).host).toBe(new URL(env.server.url).host);
    } finally {
      await context.close();
    }
  }, e2eTimeoutMs);

  test("tokens page creates, shows once and revokes", async () => {
    const { context, page, problems } = await openPage(browser, { baseUrl: env.server.url, token: viewerToken });
    try {
      await page.goto("/user/settings/tokens");
      await page.getByRole("heading", { name: "No tokens yet" }).waitFor();
      await screenshot(page, "tokens-empty-1280");

      await page.getByLabel("Token name").fill("<b>ci</b> runner");
      await page.getByLabel("Expires after").selectOption({ label: "Expires in 30 days" });
      await page.getByRole("button", { name: "Create token" }).click();
      const value = page.getByLabel("New token value");
      await value.waitFor();
      const token = await value.inputValue();
      expect(token).toMatch(/^pul-[0-9a-f]{40}$/);
      const row = page.locator("tr", { hasText: "<b>ci</b> runner" });
      await row.waitFor();
      expect(await page.locator(".tokens-table b").count()).toBe(0);
      await screenshot(page, "tokens-created-1280");
      await page.setViewportSize({ width: 800, height: 900 });
      await screenshot(page, "tokens-created-800");
      expect(await apiStatus(env.server.url, token)).toBe(200);

      await page.getByRole("button", { name: "Done" }).click();
      expect(await page.getByLabel("New token value").count()).toBe(0);
      await row.getByRole("button", { name: "Revoke <b>ci</b> runner" }).click();
      await row.getByRole("button", { name: "Confirm revoke" }).click();
      await row.waitFor({ state: "detached" });
      expect(await apiStatus(env.server.url, token)).toBe(401);
      expectNoProblems(problems);
    } finally {
      await context.close();
    }
  }, e2eTimeoutMs);

  test("revoked session token sends the user to sign in", async () => {
    const created = await fetch(`${env.server.url}/trpc/tokens.create`, {
      method: "POST",
      headers: { Authorization: `token ${env.server.token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ name: "short session" }),
    });
    const { result } = (await created.json()) as { result: { data: { token: string; record: { id: string } } } };
    const { context, page } = await openPage(browser, { baseUrl: env.server.url, token: result.data.token });
    try {
      await page.goto("/settings");
      await page.getByText("short session").waitFor();
      await fetch(`${env.server.url}/trpc/tokens.revoke`, {
        method: "POST",
        headers: { Authorization: `token ${env.server.token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ id: result.data.record.id }),
      });
      await page.goto("/user/settings/tokens");
      await page.waitForURL(/\/login\?next=%2Fuser%2Fsettings%2Ftokens/);
    } finally {
      await context.close();
    }
  }, e2eTimeoutMs);

  test.each([
    ["port out of range", `cliSessionPort=99999&cliSessionNonce=${nonce}`, "cliSessionPort"],
    ["port with a host", `cliSessionPort=${encodeURIComponent("80@evil.example")}&cliSessionNonce=${nonce}`, "cliSessionPort"],
    ["short nonce", "cliSessionPort=43123&cliSessionNonce=abc", "cliSessionNonce"],
  ])("CLI login link with %s is rejected", async (label, query, field) => {
    const { context, page } = await openPage(browser, { baseUrl: env.server.url, token: env.server.token });
    try {
      await page.goto(`/cli-login?${query}`);
      const error = page.getByRole("alert");
      await error.waitFor();
      expect(await error.textContent()).toContain(field);
      expect(await page.getByRole("button", { name: "Authorize the CLI" }).count()).toBe(0);
      if (label === "short nonce") {
        await screenshot(page, "cli-login-rejected-1280");
      }
    } finally {
      await context.close();
    }
  }, e2eTimeoutMs);
});
