import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** Pinned versions; scripts/build-pulumi.sh builds the same ones. */
export const pulumiVersion = "3.276.0";
export const pulumiYamlVersion = "1.25.0";
export const providerVersion = "0.1.0";

/**
 * Directory with `pulumi`, `pulumi-language-yaml` and `pulumi-resource-random`,
 * as scripts/build-pulumi.sh leaves them. PROCELLA_PULUMI_BIN_DIR overrides it.
 */
export function pulumiBinDir(version = pulumiVersion): string {
  const override = process.env.PROCELLA_PULUMI_BIN_DIR;
  if (override && version === pulumiVersion) {
    return override;
  }
  const cacheRoot = process.env.PROCELLA_CACHE_DIR ?? path.join(os.homedir(), ".cache", "procella");
  return path.join(cacheRoot, `pulumi-v${version}-yaml-v${pulumiYamlVersion}`, "bin");
}

const requiredBinaries = ["pulumi", "pulumi-language-yaml", "pulumi-resource-random"];

/**
 * Reports whether the CLI build is present. Outside CI a missing build skips
 * the end-to-end suites with one line saying how to build it; with CI=true it
 * fails the run, because CI must have built it.
 */
export function pulumiAvailable(): boolean {
  const dir = pulumiBinDir();
  const missing = requiredBinaries.filter((name) => !existsSync(path.join(dir, name)));
  if (missing.length === 0) {
    return true;
  }
  const message = `end-to-end suite needs ${missing.join(", ")} in ${dir}; build them with: bash scripts/build-pulumi.sh`;
  if (process.env.CI === "true") {
    throw new Error(message);
  }
  if (!warned) {
    warned = true;
    process.stderr.write(`SKIP ${message}\n`);
  }
  return false;
}
let warned = false;
