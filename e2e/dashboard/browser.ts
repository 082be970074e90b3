import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";

import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

/** Debian's Chromium package; the suites never download a browser. */
export const chromiumPath = "/usr/bin/chromium";

const repoRoot = path.resolve(import.meta.dir, "..", "..");
/** Screenshots for people to look at; the folder is ignored by git. */
export const artifactsDir = path.join(repoRoot, "test-artifacts", "dashboard");

let warned = false;

/**
 * Reports whether Chromium is installed. Outside CI a missing browser skips
 * the dashboard suites with one line; with CI=true it fails the run.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(chromiumPath)) {
    return true;
  }
  const message = `dashboard suite needs Chromium at ${chromiumPath}; install it with: apt-get install chromium`;
  if (process.env.CI === "true") {
    throw new Error(message);
  }
  if (!warned) {
    warned = true;
    process.stderr.write(`SKIP ${message}\n`);
  }
  return false;
}

/**
 * Launches headless Chromium with no background traffic. Playwright starts
 * it with a fresh temporary --user-data-dir of its own (it rejects one
 * passed in `args`), and each context is isolated like an incognito window.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    timeout: 60_000,
  });
}

/** Console errors and uncaught exceptions of a page, collected for assertions. */
export interface PageProblems {
  messages: string[];
}

/**
 * Opens a page at `width` x 900 whose local storage already contains `token`
 * (the dev-mode session), collecting console errors and page errors.
 */
export async function openPage(
  browser: Browser,
  options: { baseUrl: string; token?: string; width?: number },
): Promise<{ context: BrowserContext; page: Page; problems: PageProblems }> {
  const context = await browser.newContext({ baseURL: options.baseUrl, viewport: { width: options.width ?? 1280, height: 900 } });
  if (options.token) {
    await context.addInitScript((token) => {
      if (!window.sessionStorage.getItem("procella.test.seeded")) {
        window.localStorage.setItem("procella.accessToken", token);
        window.sessionStorage.setItem("procella.test.seeded", "1");
      }
    }, options.token);
  }
  const page = await context.newPage();
  const problems: PageProblems = { messages: [] };
  page.on("console", (message) => {
    if (message.type() === "error") {
      problems.messages.push(`console: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => problems.messages.push(`page error: ${error.message}`));
  // An alert would mean markup from state ran as script; record it and dismiss it.
  page.on("dialog", async (dialog) => {
    problems.messages.push(`dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });
  return { context, page, problems };
}

/** Writes a full-page screenshot to test-artifacts/dashboard/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  // A full-page capture of a scrolled page draws the sticky top bar at the scroll position; start from the top.
  await page.evaluate(() => window.scrollTo(0, 0));
  const file = path.join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
