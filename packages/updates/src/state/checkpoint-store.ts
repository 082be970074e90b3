import { and, desc, eq, lt, lte } from "drizzle-orm";

import { type CheckpointRow, type Database, type Transaction, checkpoints, stacks } from "@procella/db";
import type { BlobStorage } from "@procella/storage";

import { applyPatch, computePatch, type TextPatch } from "../storage/text-patch.ts";

/** Every this-many-th version keeps its full document; the others become patches. */
const keyframeInterval = 32;
/** Maximum patch chain a read follows. Keyframes keep real chains far shorter. */
const maxPatchChain = 1000;

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
 * newer document. When an update ends, the version before it is rewritten as
 * a patch against the new one (see compactPrevious); the latest version is
 * always a full document, so the common read costs one blob.
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
   * (it failed early, or changed nothing) leaves the state as it was. Older
   * versions stored as patches are rebuilt from the newer version they point
   * to. Returns undefined when no checkpoint exists at or below `version`.
   * Inside a transaction pass it as `executor`: PGlite has one connection,
   * so a query outside the open transaction would wait for it forever.
   */
  async read(stackId: string, version: number, executor: Database | Transaction = this.#db): Promise<Uint8Array | undefined> {
    const [row] = await executor
      .select()
      .from(checkpoints)
      .where(and(eq(checkpoints.stackId, stackId), lte(checkpoints.version, version)))
      .orderBy(desc(checkpoints.version))
      .limit(1);
    if (!row) {
      return undefined;
    }

    const chain: CheckpointRow[] = [row];
    let current = row;
    while (current.format === "patch") {
      if (chain.length > maxPatchChain || current.patchBaseVersion === null) {
        throw new Error(`checkpoint ${current.version} of stack ${stackId} has a broken patch chain`);
      }
      const [base] = await executor
        .select()
        .from(checkpoints)
        .where(and(eq(checkpoints.stackId, stackId), eq(checkpoints.version, current.patchBaseVersion)))
        .limit(1);
      if (!base) {
        throw new Error(`checkpoint ${current.version} of stack ${stackId} points to missing version ${current.patchBaseVersion}`);
      }
      chain.push(base);
      current = base;
    }

    let text = await this.#readBlob(current.blobKey);
    for (let index = chain.length - 2; index >= 0; index--) {
      const patchRow = chain[index] as CheckpointRow;
      const patch = JSON.parse(new TextDecoder().decode(await this.#readBlob(patchRow.blobKey))) as TextPatch;
      text = applyPatch(text, patch);
    }
    return text;
  }

  async #readBlob(blobKey: string): Promise<Uint8Array> {
    const compressed = await this.#blobs.get(blobKey);
    if (!compressed) {
      throw new Error(`checkpoint blob ${blobKey} is missing from blob storage`);
    }
    return Bun.gunzipSync(compressed as Uint8Array<ArrayBuffer>); // Blob stores return ArrayBuffer-backed arrays.
  }

  /**
   * Stores the newest full checkpoint before `version` as a patch against
   * `text` (the final document of `version`), so that a small change adds
   * bytes in proportion to the change. Every `keyframeInterval`-th version
   * stays full, which bounds how many patches a read applies. The patch is
   * verified by applying it before the row switches. Runs in `tx`; returns
   * the replaced blob key for deletion after commit, and the new blob key
   * for deletion if the transaction fails.
   */
  async compactPrevious(
    tx: Transaction,
    stackId: string,
    version: number,
    text: Uint8Array,
  ): Promise<{ uploadedKey?: string; replacedKey?: string }> {
    const [previous] = await tx
      .select()
      .from(checkpoints)
      .where(and(eq(checkpoints.stackId, stackId), lt(checkpoints.version, version)))
      .orderBy(desc(checkpoints.version))
      .for("update")
      .limit(1);
    if (!previous || previous.format !== "full" || previous.version % keyframeInterval === 0) {
      return {};
    }
    const previousText = await this.#readBlob(previous.blobKey);
    const patch = computePatch(text, previousText);
    if (Buffer.compare(Buffer.from(applyPatch(text, patch)), Buffer.from(previousText)) !== 0) {
      return {};
    }
    const compressed = Bun.gzipSync(new TextEncoder().encode(JSON.stringify(patch)), { level: 6 });
    if (compressed.byteLength >= previous.storedBytes) {
      return {};
    }
    const blobKey = `stacks/${stackId}/checkpoints/${previous.version}-patch-${crypto.randomUUID()}.json.gz`;
    await this.#blobs.put(blobKey, compressed);
    await tx
      .update(checkpoints)
      .set({ format: "patch", patchBaseVersion: version, blobKey, storedBytes: compressed.byteLength })
      .where(and(eq(checkpoints.stackId, stackId), eq(checkpoints.version, previous.version)));
    return { uploadedKey: blobKey, replacedKey: previous.blobKey };
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
      format: "full" as const,
      patchBaseVersion: null,
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
