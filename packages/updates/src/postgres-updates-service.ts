import type { Database } from "@procella/db";
import type { StackRecord } from "@procella/stacks";
import type { BlobStorage } from "@procella/storage";
import { NotFoundError } from "@procella/types";

import { CheckpointStore } from "./state/checkpoint-store.ts";
import { emptyDeploymentText } from "./state/empty-deployment.ts";
import type { UpdatesService } from "./updates-service.ts";

export interface PostgresUpdatesServiceOptions {
  db: Database;
  blobs: BlobStorage;
}

export class PostgresUpdatesService implements UpdatesService {
  readonly #checkpoints: CheckpointStore;

  constructor(options: PostgresUpdatesServiceOptions) {
    this.#checkpoints = new CheckpointStore({ db: options.db, blobs: options.blobs });
  }

  async exportDeployment(stack: StackRecord, version?: number): Promise<Uint8Array> {
    if (version !== undefined && (version < 1 || version > stack.version)) {
      throw new NotFoundError(
        `Version ${version} of stack '${stack.orgName}/${stack.projectName}/${stack.stackName}' not found; the latest version is ${stack.version}.`,
      );
    }
    const text = await this.#checkpoints.read(stack.id, version ?? stack.version);
    return text ?? emptyDeploymentText;
  }
}
