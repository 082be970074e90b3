import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const uiDir = path.resolve(import.meta.dir, "..", "..", "apps", "ui");

let build: Promise<string> | undefined;

/**
 * Builds the SPA from the current sources into a temporary folder, once per
 * test process, so the suites never test a stale apps/ui/dist. The server
 * takes the folder as PROCELLA_UI_DIR; it is removed when the process
 * exits. Throws with Vite's output when the build fails.
 */
export function buildUi(): Promise<string> {
  build ??= runViteBuild();
  return build;
}

async function runViteBuild(): Promise<string> {
  const outDir = mkdtempSync(path.join(os.tmpdir(), "procella-ui-build-"));
  process.on("exit", () => rmSync(outDir, { recursive: true, force: true }));
  const vite = path.join(uiDir, "node_modules", ".bin", "vite");
  const child = Bun.spawn([vite, "build", "--outDir", outDir, "--emptyOutDir", "--logLevel", "warn"], {
    cwd: uiDir,
    stdout: "pipe",
    stderr: "pipe",
    stdin: "ignore",
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), 180_000);
  const [stdout, stderr, code] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  clearTimeout(timer);
  if (code !== 0) {
    throw new Error(`vite build failed with exit code ${code}:\n${stdout}\n${stderr}`);
  }
  return outDir;
}
