import { rmSync } from "node:fs";

import { PulumiCli } from "./cli.ts";
import { startServer, type TestServer } from "./server.ts";
import { prepareDatabase, type Target } from "./targets.ts";

/** Timeout of each end-to-end test and setup hook, long enough for the CLI to deploy and destroy 1,000 resources. */
export const e2eTimeoutMs = 300_000;

export interface EnvironmentOptions {
  /** Extra PROCELLA_* variables for the server. */
  serverEnv?: Record<string, string>;
  /** Extra variables for every CLI run, e.g. PULUMI_DISABLE_JOURNALING. */
  cliEnv?: Record<string, string>;
}

/**
 * One server on a fresh database of `target` and one logged-in CLI
 * workspace with the test provider installed: what an end-to-end suite
 * shares across its tests.
 */
export class E2eEnvironment {
  readonly target: Target;
  server: TestServer;
  readonly cli: PulumiCli;
  readonly databaseUrl: string | undefined;
  /** Log lines of server processes that were killed, oldest first. */
  readonly #earlierLogLines: string[] = [];
  readonly #serverEnv: Record<string, string>;
  readonly #disposeDatabase: () => Promise<void>;

  private constructor(fields: {
    target: Target;
    server: TestServer;
    cli: PulumiCli;
    databaseUrl: string | undefined;
    serverEnv: Record<string, string>;
    disposeDatabase: () => Promise<void>;
  }) {
    this.target = fields.target;
    this.server = fields.server;
    this.cli = fields.cli;
    this.databaseUrl = fields.databaseUrl;
    this.#serverEnv = fields.serverEnv;
    this.#disposeDatabase = fields.disposeDatabase;
  }

  static async open(target: Target, options: EnvironmentOptions = {}): Promise<E2eEnvironment> {
    const database = await prepareDatabase(target);
    const serverEnv = options.serverEnv ?? {};
    let server: TestServer | undefined;
    let cli: PulumiCli | undefined;
    try {
      server = await startServer({ databaseUrl: database.databaseUrl, env: serverEnv });
      cli = new PulumiCli({ url: server.url, token: server.token, env: options.cliEnv });
      await cli.installProvider();
      await cli.ok(["login", server.url, "--non-interactive"]);
    } catch (error) {
      await server?.stop();
      server?.cleanup();
      cli?.cleanup();
      await database.dispose();
      throw error;
    }
    return new E2eEnvironment({
      target,
      server,
      cli,
      databaseUrl: database.databaseUrl,
      serverEnv,
      disposeDatabase: database.dispose,
    });
  }

  /** Every line every server process of this environment logged, oldest first. */
  get logLines(): string[] {
    return [...this.#earlierLogLines, ...this.server.logLines];
  }

  /**
   * GETs a Pulumi API path (e.g. `/api/stacks/acme/web/dev`) as the CLI
   * would, and returns the status and parsed body.
   */
  async apiGet(apiPath: string): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${this.server.url}${apiPath}`, {
      headers: { Accept: "application/vnd.pulumi+9", Authorization: `token ${this.server.token}` },
    });
    return { status: response.status, body: await response.json() };
  }

  /** Returns the `activeUpdate` of a stack: the id of its running update, or "" when it is free. */
  async activeUpdate(stack: string): Promise<string> {
    const { status, body } = await this.apiGet(`/api/stacks/${stack}`);
    if (status !== 200) {
      throw new Error(`GET stack ${stack} returned ${status}: ${JSON.stringify(body)}`);
    }
    return (body as { activeUpdate?: string }).activeUpdate ?? "";
  }

  /** SIGKILLs the server, as a crash would, and keeps its data directory and database. */
  async killServer(): Promise<void> {
    await this.server.kill();
    this.#earlierLogLines.push(...this.server.logLines);
    this.server.logLines.length = 0;
  }

  /** Starts a new server process on the same port, data directory and database. */
  async restartServer(): Promise<void> {
    this.server = await startServer({
      databaseUrl: this.databaseUrl,
      dataDir: this.server.dataDir,
      port: this.server.port,
      env: this.#serverEnv,
    });
  }

  async close(): Promise<void> {
    if (this.server.process.exitCode === null) {
      await this.server.stop();
    }
    rmSync(this.server.dataDir, { recursive: true, force: true });
    this.cli.cleanup();
    await this.#disposeDatabase();
  }
}
