import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

import type { Browser } from "playwright-core";

import { PulumiCli } from "../harness/cli.ts";
import { E2eEnvironment, e2eTimeoutMs } from "../harness/environment.ts";
import { pulumiAvailable, pulumiBinDir } from "../harness/prerequisites.ts";
import { waitFor } from "../harness/wait.ts";
import { chromiumAvailable, launchBrowser, openPage, screenshot } from "./browser.ts";
import { expectNoProblems } from "./fixtures.ts";
import { buildUi } from "./ui-build.ts";

/**
 * `pulumi login` offers the browser login only on an interactive terminal,
 * so the CLI runs under util-linux `script`, which gives it a pseudo
 * terminal. It opens the login page through `xdg-open`; a stand-in on PATH
 * writes the URL to a file, and Chromium (driven here) opens it.
 */
describe.skipIf(!pulumiAvailable() || !chromiumAvailable())("pulumi login through the browser", () => {
  let env: E2eEnvironment;
  let browser: Browser;
  let fakeBin: string;
  let openedFile: string;
  let cli: PulumiCli;

  beforeAll(async () => {
    const uiDir = await buildUi();
    env = await E2eEnvironment.open("pglite", { serverEnv: { PROCELLA_UI_DIR: uiDir } });
    fakeBin = mkdtempSync(path.join(os.tmpdir(), "procella-fake-browser-"));
    openedFile = path.join(fakeBin, "opened-url");
    writeFileSync(path.join(fakeBin, "xdg-open"), `#!/bin/sh\nprintf '%s\\n' "$1" > "${openedFile}"\n`);
    chmodSync(path.join(fakeBin, "xdg-open"), 0o755);
    // A workspace of its own: a fresh PULUMI_HOME with no stored credentials.
    cli = new PulumiCli({ url: env.server.url, token: "" });
    browser = await launchBrowser();
  }, e2eTimeoutMs);

  afterAll(async () => {
    await browser?.close();
    cli?.cleanup();
    if (fakeBin) {
      rmSync(fakeBin, { recursive: true, force: true });
    }
    await env?.close();
  });

  test("CLI completes the login flow driven by Chromium", async () => {
    const url = env.server.url;
    const login = Bun.spawn(["script", "--quiet", "--return", "--command", `pulumi login ${url}`, "/dev/null"], {
      cwd: cli.workDir,
      env: {
        PATH: `${fakeBin}:${pulumiBinDir()}:/usr/bin:/bin`,
        HOME: cli.home,
        PULUMI_HOME: cli.home,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_CONSOLE_DOMAIN: new URL(url).host,
        TERM: "xterm",
        NO_COLOR: "1",
      },
      stdin: "pipe",
      stdout: "pipe",
      stderr: "pipe",
    });
    const killTimer = setTimeout(() => login.kill("SIGKILL"), 180_000);
    let output = "";
    void (async () => {
      const decoder = new TextDecoder();
      for await (const chunk of login.stdout) {
        output += decoder.decode(chunk, { stream: true });
      }
    })();
    const { context, page, problems } = await openPage(browser, { baseUrl: url });
    try {
      // The prompt arrives in pieces; it is complete once it names the dashboard's tokens page.
      await waitFor(
        "the CLI's browser login prompt",
        () => (output.includes("Press <ENTER>") && output.includes(`${url}/user/settings/tokens`) ? true : undefined),
        { timeoutMs: 60_000 },
      );
      login.stdin.write("\r");
      await login.stdin.flush();

      const loginUrl = await waitFor(
        "the CLI to open the login page",
        () => (existsSync(openedFile) ? readFileSync(openedFile, "utf8").trim() || undefined : undefined),
        { timeoutMs: 60_000 },
      );
      const opened = new URL(loginUrl);
      expect(opened.origin).toBe(url);
      expect(opened.pathname).toBe("/cli-login");
      expect(opened.searchParams.get("cliSessionNonce")).toMatch(/^[0-9a-f]{64}$/);

      // Not signed in yet: the login form comes first, then the CLI login page again.
      await page.goto(loginUrl);
      await page.waitForURL(/\/login\?next=/);
      await page.getByLabel("Access token").fill(env.server.token);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("button", { name: "Authorize the CLI" }).waitFor();
      const tokenName = await page.getByLabel("Name of the new token").inputValue();
      expect(tokenName).toContain("pulumi login");
      await screenshot(page, "cli-login-1280");
      await page.setViewportSize({ width: 800, height: 900 });
      await screenshot(page, "cli-login-800");

      await page.getByRole("button", { name: "Authorize the CLI" }).click();
      await page.waitForURL(`${url}/welcome/cli`, { timeout: 60_000 });
      await page.getByRole("heading", { name: "The Pulumi CLI is logged in" }).waitFor();
      await screenshot(page, "cli-login-welcome-1280");

      expect(await login.exited).toBe(0);
      expect(output).toContain("Logged in to");
      expect(output).toContain("as alice");

      // The CLI stored the new token; it works without PULUMI_ACCESS_TOKEN.
      const whoami = await cli.ok(["whoami", "-v"], { env: { PULUMI_ACCESS_TOKEN: "" } });
      expect(whoami.stdout).toContain("User: alice");
      await page.goto("/user/settings/tokens");
      await page.getByText(tokenName).waitFor();
      expectNoProblems(problems);
    } finally {
      clearTimeout(killTimer);
      if (login.exitCode === null) {
        login.kill("SIGKILL");
      }
      await context.close();
    }
  }, e2eTimeoutMs);
});
