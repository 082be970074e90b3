import { and, desc, eq, lte } from "drizzle-orm";

import { type Database, type Transaction, checkpoints, stacks } from "@procella/db";
import type { BlobStorage } from "@procella/storage";

export interface CheckpointStoreOptions {
  db: Database;
  blobs: BlobStorage;
}

export interface CheckpointWrite {
  stackId: string;
  version: number;
  updateId: string | null;
  /** UTF-8 JSON text of an UntypedDeployment, stored byte for byte. */
  text: Uint8Array;
  resourceCount: number;
}

/**
 * Checkpoint documents: gzip-compressed blobs in BlobStorage, with their
 * metadata and the stack's version counter in the database. Each write goes
 * to a new blob key and switches the row to it inside the caller's
 * transaction, so a crash never leaves a row pointing at a half-written or
 * newer document.
 */
export class CheckpointStore {
  readonly #db: Database;
  readonly #blobs: BlobStorage;

  constructor(options: CheckpointStoreOptions) {
    this.#db = options.db;
    this.#blobs = options.blobs;
  }

  /**
   * Returns the deployment text as of stack version `version`: the newest
   * checkpoint at or below it, because an update that wrote no checkpoint
   * (it failed early, or changed nothing) leaves the state as it was. Returns
   * undefined when no checkpoint exists at or below `version`. Inside a
   * transaction pass it as `executor`: PGlite has one connection, so a query
   * outside the open transaction would wait for it forever.
   */
  async read(stackId: string, version: number, executor: Database | Transaction = this.#db): Promise<Uint8Array | undefined> {
    const [row] = await executor
      .select({ blobKey: checkpoints.blobKey })
      .from(checkpoints)
      .where(and(eq(checkpoints.stackId, stackId), lte(checkpoints.version, version)))
      .orderBy(desc(checkpoints.version))
      .limit(1);
    if (!row) {
      return undefined;
    }
    const compressed = await this.#blobs.get(row.blobKey);
    if (!compressed) {
      throw new Error(`checkpoint blob ${row.blobKey} is missing from blob storage`);
    }
    return Bun.gunzipSync(compressed as Uint8Array<ArrayBuffer>); // Blob stores return plain ArrayBuffer-backed arrays.
  }

  /** Uploads the document; call before the transaction that records it with `record`. */
  async upload(write: CheckpointWrite): Promise<{ blobKey: string; storedBytes: number }> {
    const blobKey = `stacks/${write.stackId}/checkpoints/${write.version}-${crypto.randomUUID()}.json.gz`;
    const compressed = Bun.gzipSync(write.text as Uint8Array<ArrayBuffer>, { level: 6 }); // Callers pass ArrayBuffer-backed text.
    await this.#blobs.put(blobKey, compressed);
    return { blobKey, storedBytes: compressed.byteLength };
  }

  /**
   * Inserts or replaces the checkpoint row of `write.version` and sets the
   * stack's resource count, in `tx`. The stack's version counter is advanced
   * when an update starts, not here. Returns the blob key
   * the row pointed to before, for deletion after commit.
   */
  async record(
    tx: Transaction,
    write: CheckpointWrite,
    uploaded: { blobKey: string; storedBytes: number },
  ): Promise<string | undefined> {
    const [previous] = await tx
      .select({ blobKey: checkpoints.blobKey })
      .from(checkpoints)
      .where(and(eq(checkpoints.stackId, write.stackId), eq(checkpoints.version, write.version)))
      .for("update")
      .limit(1);
    const values = {
      stackId: write.stackId,
      version: write.version,
      updateId: write.updateId,
      blobKey: uploaded.blobKey,
      sizeBytes: write.text.byteLength,
      storedBytes: uploaded.storedBytes,
      resourceCount: write.resourceCount,
    };
    await tx
      .insert(checkpoints)
      .values(values)
      .onConflictDoUpdate({ target: [checkpoints.stackId, checkpoints.version], set: values });
    await tx
      .update(stacks)
      .set({ resourceCount: write.resourceCount, updatedAt: new Date() })
      .where(eq(stacks.id, write.stackId));
    return previous?.blobKey;
  }

  /** Deletes a blob no row refers to any more; failures only leave garbage behind. */
  async discard(blobKey: string): Promise<void> {
    await this.#blobs.delete(blobKey);
  }
}
