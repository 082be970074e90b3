import { afterAll, beforeAll, describe, expect, test } from "bun:test";

import type { Browser } from "playwright-core";

import { E2eEnvironment, e2eTimeoutMs } from "../harness/environment.ts";
import { pulumiAvailable } from "../harness/prerequisites.ts";
import { devUsersEnv, outsiderToken, viewerToken } from "../harness/users.ts";
import { chromiumAvailable, launchBrowser, openPage, screenshot } from "./browser.ts";
import { expectNoProblems, hostileName, hostileOutput, secretApiKey, webProgram } from "./fixtures.ts";
import { buildUi } from "./ui-build.ts";

const widths = [1280, 800] as const;

// One database target is enough here: the dashboard reads through the same services the API suites cover on both.
describe.skipIf(!pulumiAvailable() || !chromiumAvailable())("dashboard after pulumi up", () => {
  let env: E2eEnvironment;
  let browser: Browser;

  beforeAll(async () => {
    const uiDir = await buildUi();
    env = await E2eEnvironment.open("pglite", { serverEnv: { PROCELLA_UI_DIR: uiDir, PROCELLA_DEV_USERS: devUsersEnv } });
    const dir = env.cli.writeProject("web", webProgram);
    await env.cli.ok(["stack", "init", "acme/web/dev", "--non-interactive"], { cwd: dir });
    await env.cli.ok(["stack", "tag", "set", "team", "platform"], { cwd: dir });
    await env.cli.ok(["config", "set", "--secret", "apiKey", secretApiKey], { cwd: dir });
    await env.cli.ok(["up", "--yes", "--non-interactive", "-m", "first <b>deploy</b>"], { cwd: dir });
    await env.cli.ok(["stack", "init", "acme/web/prod", "--non-interactive"], { cwd: dir });
    browser = await launchBrowser();
  }, e2eTimeoutMs);

  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  test.each(widths)("stack list at %d px", async (width) => {
    const { context, page, problems } = await openPage(browser, { baseUrl: env.server.url, token: env.server.token, width });
    try {
      await page.goto("/");
      const row = page.locator('[data-stack="acme/web/dev"]');
      await row.waitFor();
      expect(await row.locator(".status-badge").textContent()).toBe("Succeeded");
      expect(await row.locator("td.numeric").textContent()).toBe("5");
      expect(await row.textContent()).toContain("platform");
      expect(await page.locator('[data-stack="acme/web/prod"]').textContent()).toContain("Never updated");
      await screenshot(page, `stack-list-${width}`);

      await page.getByLabel("Filter by tag").fill("team=platform");
      await page.waitForURL(/tag=team%3Dplatform/);
      await page.locator('[data-stack="acme/web/prod"]').waitFor({ state: "detached" });
      await page.locator('[data-stack="acme/web/dev"]').waitFor();
      expectNoProblems(problems);
    } finally {
      await context.close();
    }
  }, e2eTimeoutMs);

  test.each(widths)("stack detail at %d px masks secrets and shows markup as text", async (width) => {
    const { context, page, problems } = await openPage(browser, { baseUrl: env.server.url, token: env.server.token, width });
    try {
      await page.goto("/acme/web/dev");
      const outputs = page.locator(".outputs-table");
      await outputs.waitFor();
      const text = (await outputs.textContent()) ?? "";
      expect(text).toContain("[secret]");
      expect(text).toContain(hostileOutput);
      expect(await page.content()).not.toContain(secretApiKey);
      expect(await page.locator(".outputs-table b").count()).toBe(0);
      expect(await page.getByRole("button", { name: "Delete stack" }).count()).toBe(1);
      await screenshot(page, `stack-overview-${width}`);

      await page.getByRole("link", { name: "Resources" }).click();
      await page.waitForURL(/tab=resources/);
      const tree = page.getByRole("table", { name: "Resources" });
      await tree.waitFor();
      for (const name of ["web-dev", "word", "nap", hostileName]) {
        await tree.getByRole("button", { name, exact: true }).waitFor();
      }
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      await tree.getByRole("button", { name: "word", exact: true }).click();
      const details = page.getByRole("complementary", { name: "Details of word" });
      await details.waitFor();
      expect(await details.textContent()).toContain("random:index/randomString:RandomString");
      expect(await details.locator(".properties").first().textContent()).toContain("length12");
      await tree.getByRole("button", { name: "web-dev", exact: true }).click();
      await page.getByRole("complementary", { name: "Details of web-dev" }).waitFor();
      expect(await page.content()).not.toContain(secretApiKey);
      await screenshot(page, `stack-resources-${width}`);

      await page.getByRole("link", { name: "History" }).click();
      await page.locator(".history-table").waitFor();
      expect(await page.locator(".history-table tbody tr").count()).toBe(1);
      expect(await page.locator(".history-table").textContent()).toContain("first <b>deploy</b>");
      await screenshot(page, `stack-history-${width}`);
      expectNoProblems(problems);
    } finally {
      await context.close();
    }
  }, e2eTimeoutMs);

  test.each(widths)("update detail at %d px shows steps, diagnostics and summary", async (width) => {
    const { context, page, problems } = await openPage(browser, { baseUrl: env.server.url, token: env.server.token, width });
    try {
      await page.goto("/acme/web/dev/updates/1");
      const steps = page.locator(".step-table");
      await steps.waitFor();
      for (const name of ["web-dev", "word", "nap", hostileName]) {
        const row = steps.locator("tr", { has: page.locator(".step-name", { hasText: name }) });
        expect(await row.getAttribute("data-status")).toBe("done");
        expect(await row.locator(".step-status").textContent()).toStartWith("created");
      }
      expect(await page.getByTestId("changes").textContent()).toContain("4 created");
      expect(await page.locator(".update-summary").textContent()).toContain("first <b>deploy</b>");
      expect(await page.locator(".page-title-row h1").textContent()).toContain("Succeeded");
      expect(await page.locator("#update-outputs-title").count()).toBe(1);
      await page.getByText(/Configuration \(/).click();
      expect(await page.content()).not.toContain(secretApiKey);
      await screenshot(page, `update-detail-${width}`);
      expectNoProblems(problems);
    } finally {
      await context.close();
    }
  }, e2eTimeoutMs);

  test("viewer sees stacks but no management actions", async () => {
    const { context, page, problems } = await openPage(browser, { baseUrl: env.server.url, token: viewerToken });
    try {
      await page.goto("/");
      await page.locator('[data-stack="acme/web/dev"]').waitFor();
      await page.goto("/acme/web/dev");
      await page.locator(".outputs-table").waitFor();
      expect(await page.getByRole("button", { name: "Delete stack" }).count()).toBe(0);
      expect(await page.getByRole("button", { name: "Save tags" }).count()).toBe(0);
      expect(await page.getByRole("button", { name: /Remove tag/ }).count()).toBe(0);
      expect(await page.locator(".tag-list").textContent()).toContain("platform");
      await screenshot(page, "stack-overview-viewer-1280");
      expectNoProblems(problems);
    } finally {
      await context.close();
    }
  }, e2eTimeoutMs);

  test("user of another org sees none of the stacks", async () => {
    const { context, page } = await openPage(browser, { baseUrl: env.server.url, token: outsiderToken });
    try {
      await page.goto("/");
      await page.getByRole("heading", { name: "No stacks yet" }).waitFor();
      expect(await page.locator("[data-stack]").count()).toBe(0);
      await screenshot(page, "stack-list-empty-1280");

      await page.goto("/acme/web/dev");
      const error = page.getByRole("alert");
      await error.waitFor();
      expect(await error.textContent()).toContain("Organization 'acme' not found.");
      expect(await page.locator(".outputs-table").count()).toBe(0);
      await screenshot(page, "stack-not-found-outsider-1280");
    } finally {
      await context.close();
    }
  }, e2eTimeoutMs);

  test("deep link to a missing stack shows the server's message", async () => {
    const { context, page } = await openPage(browser, { baseUrl: env.server.url, token: env.server.token });
    try {
      await page.goto("/acme/web/missing?tab=history");
      await page.getByRole("alert").waitFor();
      expect(await page.getByRole("alert").textContent()).toContain("Stack 'acme/web/missing' not found.");
      await page.goto("/acme/web/dev/updates/99");
      await page.getByRole("alert").waitFor();
      expect(await page.getByRole("alert").textContent()).toContain("99");
      await screenshot(page, "update-not-found-1280");
    } finally {
      await context.close();
    }
  }, e2eTimeoutMs);

  test("loading skeleton shows while a request is slow", async () => {
    const { context, page, problems } = await openPage(browser, { baseUrl: env.server.url, token: env.server.token });
    try {
      let release: () => void = () => {};
      const requestsHeld = new Promise<void>((resolve) => {
        release = resolve;
      });
      await page.route("**/trpc/**", async (route) => {
        await requestsHeld;
        await route.continue();
      });
      await page.goto("/");
      await page.getByRole("status", { name: "Loading stacks" }).waitFor();
      await screenshot(page, "stack-list-loading-1280");
      release();
      await page.locator('[data-stack="acme/web/dev"]').waitFor();
      expect(await page.getByRole("status", { name: "Loading stacks" }).count()).toBe(0);
      expectNoProblems(problems);
    } finally {
      await context.close();
    }
  }, e2eTimeoutMs);
});
