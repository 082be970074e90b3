import type { Database } from "@procella/db";
import type { BlobStorage } from "@procella/storage";
import type { Logger } from "@procella/types";

import type { CheckpointStore } from "./state/checkpoint-store.ts";

/** Shared dependencies of the update operations. */
export interface UpdatesContext {
  db: Database;
  blobs: BlobStorage;
  checkpoints: CheckpointStore;
  logger: Logger;
  now: () => Date;
  /** Maximum lease, in seconds, that a start or renewal grants. */
  leaseSeconds: number;
  /** Age, in seconds, after which a created but never started update is abandoned. */
  unstartedSeconds: number;
  /** Engine version written into manifests of journal-replayed deployments. */
  engineVersion: string;
}
