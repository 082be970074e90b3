import type { Context } from "hono";

import type { AppEnv } from "../env.ts";

const checkTimeoutMs = 5000;

async function probe(check: () => Promise<void>): Promise<"ok" | string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${checkTimeoutMs} ms`)), checkTimeoutMs);
  });
  try {
    await Promise.race([check(), timeout]);
    return "ok";
  } catch (error) {
    return error instanceof Error ? error.message : "failed";
  } finally {
    clearTimeout(timer);
  }
}

/** `GET /healthz`: 200 when the database and blob storage respond, 503 naming the failing part otherwise. */
export async function healthz(c: Context<AppEnv>) {
  const { database, blobs } = c.get("services");
  const [databaseStatus, blobStatus] = await Promise.all([probe(() => database.ping()), probe(() => blobs.check())]);
  const healthy = databaseStatus === "ok" && blobStatus === "ok";
  return c.json(
    { status: healthy ? "ok" : "unavailable", checks: { database: databaseStatus, blobStorage: blobStatus } },
    healthy ? 200 : 503,
  );
}
