import type { Logger } from "@procella/types";

/** The part of Bun's `Server` that shutdown drives. */
export interface DrainableServer {
  /**
   * Closes the listening socket and idle keep-alive connections. With
   * `closeActiveConnections` false the returned promise resolves once every
   * in-flight request has finished, and with true it drops them.
   */
  stop(closeActiveConnections?: boolean): Promise<void>;
  readonly pendingRequests: number;
}

export interface GracefulShutdownOptions {
  server: DrainableServer;
  database: { close(): Promise<void> };
  logger: Logger;
  /** Time allowed for in-flight requests and stop hooks together, in milliseconds. */
  timeoutMs: number;
  /** Time allowed for closing the database after that, in milliseconds. Default 5,000. */
  databaseCloseTimeoutMs?: number;
  /** Ends the process; tests pass a recorder. Default `process.exit`. */
  exit?: (code: number) => void;
}

interface StopHook {
  name: string;
  stop: () => Promise<void> | void;
}

type Outcome = "done" | "timed out";

/**
 * Stops the server on SIGTERM or SIGINT in order: stop accepting connections,
 * let in-flight requests finish while the stop hooks (background workers) run,
 * then close the database and exit. Requests and hooks share one deadline.
 * When it passes, open connections are dropped and the exit code is 1.
 * A second signal during shutdown exits at once with code 1.
 */
export class GracefulShutdown {
  readonly #options: GracefulShutdownOptions;
  readonly #hooks: StopHook[] = [];
  #running: Promise<number> | undefined;

  constructor(options: GracefulShutdownOptions) {
    this.#options = options;
  }

  /** Registers `stop` to run during shutdown, e.g. a background worker's stop method that awaits its current run. */
  addStopHook(name: string, stop: () => Promise<void> | void): void {
    this.#hooks.push({ name, stop });
  }

  /** Installs the signal handlers. Each signal runs `shutdown` and then exits with its code. */
  listen(signals: readonly NodeJS.Signals[] = ["SIGTERM", "SIGINT"]): void {
    const exit = this.#options.exit ?? ((code: number) => process.exit(code));
    for (const signal of signals) {
      process.on(signal, () => {
        if (this.#running) {
          this.#options.logger.warn("second signal during shutdown; exiting now", { signal });
          exit(1);
          return;
        }
        void this.shutdown(signal).then(exit);
      });
    }
  }

  /** Runs the shutdown once and returns the exit code: 0 when everything finished in time, 1 otherwise. */
  shutdown(reason: string): Promise<number> {
    this.#running ??= this.#run(reason);
    return this.#running;
  }

  async #run(reason: string): Promise<number> {
    const { server, logger, timeoutMs } = this.#options;

    // stop() closes the listener synchronously, before its promise settles.
    const drained = server.stop(false).catch((error: unknown) => {
      logger.error("draining in-flight requests failed", { error });
    });
    logger.info("shutting down", {
      reason,
      inFlightRequests: server.pendingRequests,
      stopHooks: this.#hooks.map((hook) => hook.name),
      timeoutSeconds: timeoutMs / 1000,
    });

    const unfinished = new Set(this.#hooks.map((hook) => hook.name));
    const failed: string[] = [];
    const hooksDone = Promise.all(this.#hooks.map((hook) => this.#runHook(hook, unfinished, failed)));
    const outcome = await withDeadline(Promise.all([drained, hooksDone]), timeoutMs);
    if (outcome === "timed out") {
      logger.error("shutdown timed out; dropping open connections", {
        timeoutSeconds: timeoutMs / 1000,
        inFlightRequests: server.pendingRequests,
        unfinishedStopHooks: [...unfinished],
      });
      await withDeadline(
        server.stop(true).catch(() => undefined),
        1000,
      );
    }

    const databaseClosed = await this.#closeDatabase();
    const exitCode = outcome === "done" && failed.length === 0 && databaseClosed ? 0 : 1;
    logger.info("stopped", { exitCode });
    return exitCode;
  }

  async #runHook(hook: StopHook, unfinished: Set<string>, failed: string[]): Promise<void> {
    try {
      await hook.stop();
      this.#options.logger.info("stop hook finished", { hook: hook.name });
    } catch (error) {
      failed.push(hook.name);
      this.#options.logger.error("stop hook failed", { hook: hook.name, error });
    } finally {
      unfinished.delete(hook.name);
    }
  }

  async #closeDatabase(): Promise<boolean> {
    const { database, logger } = this.#options;
    const timeoutMs = this.#options.databaseCloseTimeoutMs ?? 5000;
    try {
      if ((await withDeadline(database.close(), timeoutMs)) === "timed out") {
        logger.error("closing the database timed out", { timeoutSeconds: timeoutMs / 1000 });
        return false;
      }
      logger.info("database closed");
      return true;
    } catch (error) {
      logger.error("closing the database failed", { error });
      return false;
    }
  }
}

/** Waits for `work` up to `timeoutMs`. A rejection of `work` propagates to the caller. */
async function withDeadline(work: Promise<unknown>, timeoutMs: number): Promise<Outcome> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve("timed out"), timeoutMs);
  });
  try {
    return await Promise.race([work.then((): Outcome => "done"), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
