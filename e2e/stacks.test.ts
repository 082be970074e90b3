import { afterAll, beforeAll, describe, expect, test } from "bun:test";

import { PulumiCli } from "./harness/cli.ts";
import { pulumiAvailable } from "./harness/prerequisites.ts";
import { startServer, type TestServer } from "./harness/server.ts";
import { e2eTargets, prepareDatabase } from "./harness/targets.ts";
import { devUsersEnv, outsiderToken, viewerToken } from "./harness/users.ts";

describe.skipIf(!pulumiAvailable()).each(e2eTargets())("pulumi stack commands on %s", (target) => {
  let server: TestServer;
  let cli: PulumiCli;
  let projectDir: string;
  let disposeDatabase: () => Promise<void>;

  beforeAll(async () => {
    const database = await prepareDatabase(target);
    disposeDatabase = database.dispose;
    server = await startServer({ databaseUrl: database.databaseUrl, env: { PROCELLA_DEV_USERS: devUsersEnv } });
    cli = new PulumiCli({ url: server.url, token: server.token });
    projectDir = cli.writeProject("web", "");
  });

  afterAll(async () => {
    await server?.stop();
    server?.cleanup();
    cli?.cleanup();
    await disposeDatabase?.();
  });

  test("login, whoami and logout", async () => {
    const login = await cli.ok(["login", server.url, "--non-interactive"]);
    expect(login.stdout).toContain("Logged in to");
    const whoami = await cli.ok(["whoami", "-v"]);
    expect(whoami.stdout).toContain("User: alice");
    expect(whoami.stdout).toContain("Organizations: acme");
    expect(whoami.stdout).toContain(`Backend URL: ${server.url}`);
    await cli.ok(["logout", server.url]);
    await cli.ok(["login", server.url, "--non-interactive"]);
  });

  // On a 401 during login the CLI prints its own fixed "Unauthorized" message, not the body's.
  test("wrong token is rejected", async () => {
    const result = await cli.run(["login", server.url, "--non-interactive"], {
      env: { PULUMI_ACCESS_TOKEN: "wrong-token-0123456789abcdef" },
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("Unauthorized");
  });

  test("init, conflicting init and select", async () => {
    await cli.ok(["stack", "init", "acme/web/dev", "--non-interactive"], { cwd: projectDir });
    const again = await cli.run(["stack", "init", "acme/web/dev", "--non-interactive"], { cwd: projectDir });
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain("already exists");
    await cli.ok(["stack", "init", "acme/web/prod", "--non-interactive"], { cwd: projectDir });
    await cli.ok(["stack", "select", "acme/web/dev"], { cwd: projectDir });
    const current = await cli.ok(["stack", "ls"], { cwd: projectDir });
    expect(current.stdout).toMatch(/dev\*/);
  });

  test("stack ls filters", async () => {
    const otherDir = cli.writeProject("api", "", "api");
    await cli.ok(["stack", "init", "acme/api/staging", "--non-interactive"], { cwd: otherDir });
    await cli.ok(["stack", "tag", "set", "owner", "platform", "-s", "acme/web/prod"], { cwd: projectDir });

    const all = await cli.ok(["stack", "ls", "--all"], { cwd: projectDir });
    for (const name of ["acme/web/dev", "acme/web/prod", "acme/api/staging"]) {
      expect(all.stdout).toContain(name.split("/").slice(-1)[0] ?? name);
    }
    const byProject = await cli.ok(["stack", "ls", "--project", "api"], { cwd: projectDir });
    expect(byProject.stdout).toContain("staging");
    expect(byProject.stdout).not.toContain("prod");
    const byOrg = await cli.ok(["stack", "ls", "--organization", "acme", "--all"], { cwd: projectDir });
    expect(byOrg.stdout).toContain("staging");
    const byTag = await cli.ok(["stack", "ls", "--all", "--tag", "owner=platform"], { cwd: projectDir });
    expect(byTag.stdout).toContain("prod");
    expect(byTag.stdout).not.toContain("staging");
    expect(byTag.stdout).not.toMatch(/\bdev\b/);
  });

  test("stack tags", async () => {
    await cli.ok(["stack", "tag", "set", "team", "blue", "-s", "acme/web/dev"], { cwd: projectDir });
    const get = await cli.ok(["stack", "tag", "get", "team", "-s", "acme/web/dev"], { cwd: projectDir });
    expect(get.stdout.trim()).toBe("blue");
    const list = await cli.ok(["stack", "tag", "ls", "-s", "acme/web/dev"], { cwd: projectDir });
    expect(list.stdout).toContain("team");
    await cli.ok(["stack", "tag", "rm", "team", "-s", "acme/web/dev"], { cwd: projectDir });
    const after = await cli.ok(["stack", "tag", "ls", "-s", "acme/web/dev"], { cwd: projectDir });
    expect(after.stdout).not.toContain("team");
  });

  test("export of a new stack", async () => {
    const result = await cli.ok(["stack", "export", "-s", "acme/web/dev"], { cwd: projectDir });
    const deployment = JSON.parse(result.stdout);
    expect(deployment.version).toBe(3);
    expect(deployment.deployment.manifest).toBeDefined();
  });

  test("rename within the project and to another project", async () => {
    await cli.ok(["stack", "init", "acme/web/old", "--non-interactive"], { cwd: projectDir });
    await cli.ok(["stack", "rename", "acme/web/new", "-s", "acme/web/old"], { cwd: projectDir });
    await cli.ok(["stack", "rename", "acme/moved/newer", "-s", "acme/web/new"], { cwd: projectDir });
    const all = await cli.ok(["stack", "ls", "--all"], { cwd: projectDir });
    expect(all.stdout).toContain("acme/moved/newer");
    expect(all.stdout).not.toContain("acme/web/old");
  });

  test("rm of an empty stack", async () => {
    await cli.ok(["stack", "rm", "-y", "acme/web/prod"], { cwd: projectDir });
    const all = await cli.ok(["stack", "ls", "--all"], { cwd: projectDir });
    expect(all.stdout).not.toContain("prod");
  });

  test("viewer lists and exports but cannot create or delete", async () => {
    const viewer = { env: { PULUMI_ACCESS_TOKEN: viewerToken }, cwd: projectDir };
    const viewerCli = new PulumiCli({ url: server.url, token: viewerToken });
    try {
      await viewerCli.ok(["login", server.url, "--non-interactive"]);
      const list = await viewerCli.ok(["stack", "ls", "--all"], viewer);
      expect(list.stdout).toContain("dev");
      await viewerCli.ok(["stack", "export", "-s", "acme/web/dev"], viewer);
      const create = await viewerCli.run(["stack", "init", "acme/web/viewer-made", "--non-interactive"], viewer);
      expect(create.code).not.toBe(0);
      expect(create.stderr).toContain("403");
      const remove = await viewerCli.run(["stack", "rm", "-y", "acme/web/dev"], viewer);
      expect(remove.code).not.toBe(0);
      expect(remove.stderr).toContain("403");
    } finally {
      viewerCli.cleanup();
    }
  });

  test("a user of another org cannot see the stacks", async () => {
    const outsiderCli = new PulumiCli({ url: server.url, token: outsiderToken });
    try {
      await outsiderCli.ok(["login", server.url, "--non-interactive"]);
      const list = await outsiderCli.ok(["stack", "ls", "--all"], { cwd: projectDir });
      expect(list.stdout).not.toContain("dev");
      const exported = await outsiderCli.run(["stack", "export", "-s", "acme/web/dev"], { cwd: projectDir });
      expect(exported.code).not.toBe(0);
      expect(exported.stderr).toContain("no stack named 'acme/web/dev' found");
    } finally {
      outsiderCli.cleanup();
    }
  });
});
