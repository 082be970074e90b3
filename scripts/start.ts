/**
 * `bun start`: builds the dashboard first when apps/ui/dist has no
 * index.html (as in a fresh checkout), then runs the server in this
 * process. A failed build stops the start, because the server would only
 * respond with 503 to every dashboard page.
 */
import { existsSync } from "node:fs";
import path from "node:path";

const repoRoot = path.resolve(import.meta.dir, "..");
const uiIndex = path.join(repoRoot, "apps", "ui", "dist", "index.html");

if (!existsSync(uiIndex)) {
  process.stdout.write("procella: building the dashboard into apps/ui/dist (first start)\n");
  const build = Bun.spawnSync([process.execPath, "run", "--cwd", path.join(repoRoot, "apps", "ui"), "build"], {
    stdout: "inherit",
    stderr: "inherit",
  });
  if (build.exitCode !== 0) {
    process.stderr.write(`procella: building the dashboard failed (exit code ${build.exitCode}); fix the error above and run bun start again\n`);
    process.exit(1);
  }
}

await import("../apps/server/src/main.ts");
