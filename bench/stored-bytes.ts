import path from "node:path";

import { PulumiCli } from "../e2e/harness/cli.ts";
import type { TestServer } from "../e2e/harness/server.ts";
import { directoryBytes } from "./disk-usage.ts";
import { randomStringsProgram } from "./programs.ts";

/**
 * Blob bytes added by a one-resource change to a stack of `count`
 * resources, next to the bytes of the whole stack's first version. The
 * target is growth proportional to the change, not to the stack.
 */
export async function benchmarkStoredBytes(server: TestServer, count: number) {
  const cli = new PulumiCli({ url: server.url, token: server.token });
  const blobs = path.join(server.dataDir, "blobs");
  try {
    await cli.installProvider();
    await cli.ok(["login", server.url, "--non-interactive"]);
    const dir = cli.writeProject("bytes", randomStringsProgram(count));
    await cli.ok(["stack", "init", "acme/bytes/dev", "--non-interactive"], { cwd: dir });

    const before = directoryBytes(blobs);
    await cli.ok(["up", "--yes", "--skip-preview", "--non-interactive"], { cwd: dir });
    const afterFirst = directoryBytes(blobs);
    cli.writeProject("bytes", randomStringsProgram(count, "a", 1));
    await cli.ok(["up", "--yes", "--skip-preview", "--non-interactive"], { cwd: dir });
    const afterChange = directoryBytes(blobs);
    await cli.ok(["destroy", "--yes", "--skip-preview", "--non-interactive"], { cwd: dir });

    return {
      resources: count,
      firstVersionBytes: afterFirst - before,
      oneResourceChangeBytes: afterChange - afterFirst,
    };
  } finally {
    cli.cleanup();
  }
}
