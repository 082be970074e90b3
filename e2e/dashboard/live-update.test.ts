import { afterAll, beforeAll, describe, expect, test } from "bun:test";

import type { Browser } from "playwright-core";

import { E2eEnvironment, e2eTimeoutMs } from "../harness/environment.ts";
import { pulumiAvailable } from "../harness/prerequisites.ts";
import { RunningCli } from "../harness/running-cli.ts";
import { chromiumAvailable, launchBrowser, openPage, screenshot } from "./browser.ts";
import { expectNoProblems, slowProgram } from "./fixtures.ts";
import { buildUi } from "./ui-build.ts";

describe.skipIf(!pulumiAvailable() || !chromiumAvailable())("dashboard follows a running update", () => {
  let env: E2eEnvironment;
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    const uiDir = await buildUi();
    env = await E2eEnvironment.open("pglite", { serverEnv: { PROCELLA_UI_DIR: uiDir } });
    dir = env.cli.writeProject("slow", slowProgram);
    await env.cli.ok(["stack", "init", "acme/slow/dev", "--non-interactive"], { cwd: dir });
    browser = await launchBrowser();
  }, e2eTimeoutMs);

  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  test("update page shows new steps while pulumi up runs", async () => {
    const { context, page, problems } = await openPage(browser, { baseUrl: env.server.url, token: env.server.token });
    const up = new RunningCli(env.cli.spawn(["up", "--yes", "--non-interactive", "-m", "slow rollout"], { cwd: dir }));
    try {
      // Follow the link the stack page offers while the update runs, as a person would.
      await page.goto("/acme/slow/dev");
      await page.getByRole("link", { name: "Follow the live log" }).click({ timeout: 60_000 });
      await page.waitForURL(/\/acme\/slow\/dev\/(updates|previews)\//);
      const title = page.locator(".page-title-row h1");
      await title.getByText("Running").waitFor();

      // Each sleep finishes about 5 s after the previous one; the page must show each while the update still runs.
      const seenWhileRunning: string[] = [];
      for (const name of ["first", "second"]) {
        const row = page.locator(`tr[data-status="done"]`, { has: page.locator(".step-name", { hasText: name }) });
        await row.waitFor({ timeout: 60_000 });
        if ((await title.textContent())?.includes("Running")) {
          seenWhileRunning.push(name);
        }
        if (name === "first") {
          await screenshot(page, "update-live-running-1280");
        }
      }
      expect(seenWhileRunning).toEqual(["first", "second"]);
      expect(up.process.exitCode).toBeNull();

      const result = await up.result();
      expect(result.code).toBe(0);
      await title.getByText("Succeeded").waitFor({ timeout: 30_000 });
      await page.locator('tr[data-status="done"]', { has: page.locator(".step-name", { hasText: "third" }) }).waitFor();
      expect(await page.getByTestId("changes").textContent()).toContain("4 created");
      expect(await page.locator(".live-note").count()).toBe(0);
      await screenshot(page, "update-live-finished-1280");

      // The CLI prints a permalink for the preview and then one for the update; both open their page.
      const permalinks = [...result.stdout.matchAll(/View Live: (\S+)/g)].map((match) => match[1] ?? "");
      expect(permalinks).toHaveLength(2);
      expect(permalinks[0]).toStartWith(`${env.server.url}/acme/slow/dev/previews/`);
      expect(permalinks[1]).toBe(`${env.server.url}/acme/slow/dev/updates/1`);
      await page.goto(permalinks[0] ?? "/");
      await title.getByText("Preview").waitFor();
      await title.getByText("Succeeded").waitFor();
      await page.locator(".step-table").getByText("third").waitFor();
      await screenshot(page, "preview-detail-1280");
      await page.goto(permalinks[1] ?? "/");
      await title.getByText("Update #1").waitFor();
      expectNoProblems(problems);
    } finally {
      if (up.process.exitCode === null) {
        await up.kill();
      }
      await context.close();
    }
  }, e2eTimeoutMs);
});
