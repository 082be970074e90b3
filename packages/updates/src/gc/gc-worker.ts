import { advisoryLocks, type DatabaseHandle } from "@procella/db";
import type { Logger } from "@procella/types";

import type { UpdatesService } from "../updates-service.ts";

export interface GcWorkerOptions {
  database: DatabaseHandle;
  updates: UpdatesService;
  logger: Logger;
  intervalSeconds: number;
  now?: () => Date;
}

/**
 * Periodically cancels abandoned updates. Each run takes the GC advisory
 * lock without waiting, so with several replicas only one runs it at a time
 * and the others skip that round.
 */
export class GcWorker {
  readonly #options: GcWorkerOptions;
  #timer: ReturnType<typeof setInterval> | undefined;
  #running: Promise<void> | undefined;

  constructor(options: GcWorkerOptions) {
    this.#options = options;
  }

  /** Runs once now, then every interval. */
  start(): void {
    void this.runOnce();
    this.#timer = setInterval(() => void this.runOnce(), this.#options.intervalSeconds * 1000);
  }

  /** Stops the schedule and waits for a run in progress. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }

  async runOnce(): Promise<void> {
    if (this.#running) {
      return;
    }
    this.#running = this.#run().finally(() => {
      this.#running = undefined;
    });
    await this.#running;
  }

  async #run(): Promise<void> {
    const { database, updates, logger } = this.#options;
    const now = this.#options.now ?? (() => new Date());
    try {
      const outcome = await database.withAdvisoryLock(advisoryLocks.updatesGc, { wait: false }, () =>
        updates.collectGarbage(now()),
      );
      if (outcome.acquired) {
        logger.info("gc run", { cancelled: outcome.value.cancelled.length });
      } else {
        logger.debug("gc skipped: another replica holds the lock");
      }
    } catch (error) {
      logger.error("gc run failed", { error });
    }
  }
}
