import { and, eq } from "drizzle-orm";

import { checkpoints, updates } from "@procella/db";
import { UnprocessableError } from "@procella/types";

import { applyCheckpointDelta, verifyCheckpointHash } from "../checkpoint/delta.ts";
import type { UpdatesContext } from "../context.ts";
import type { Lease } from "../updates-service.ts";
import { lockStateChangingUpdate } from "./active-update.ts";
import { encodeJson, summarizeDeployment, summarizeDeploymentObject } from "./deployment-text.ts";

/**
 * Stores `text` as the checkpoint of the update's version. The blob goes up
 * first under a fresh key. Then the row switches to it inside the transaction
 * that locks the update, and the replaced blob is deleted after commit.
 */
async function storeCheckpoint(
  context: UpdatesContext,
  lease: Lease,
  action: string,
  produce: (update: { version: number; checkpointSequence: number }, previousText: () => Promise<Uint8Array | undefined>) => Promise<
    { text: Uint8Array; resourceCount: number; sequence?: number } | undefined
  >,
): Promise<void> {
  let uploadedKey: string | undefined;
  let replacedKey: string | undefined;
  try {
    await context.db.transaction(async (tx) => {
      const update = await lockStateChangingUpdate(tx, lease, action);
      const version = update.version as number;

      const previousText = async () => {
        const [row] = await tx
          .select({ blobKey: checkpoints.blobKey, updateId: checkpoints.updateId })
          .from(checkpoints)
          .where(and(eq(checkpoints.stackId, update.stackId), eq(checkpoints.version, version)))
          .limit(1);
        if (!row || row.updateId !== update.id) {
          return undefined;
        }
        const compressed = await context.blobs.get(row.blobKey);
        return compressed ? Bun.gunzipSync(compressed as Uint8Array<ArrayBuffer>) : undefined; // Blob stores return ArrayBuffer-backed arrays.
      };

      const produced = await produce({ version, checkpointSequence: update.checkpointSequence }, previousText);
      if (!produced) {
        return;
      }
      const write = {
        stackId: update.stackId,
        version,
        updateId: update.id,
        text: produced.text,
        resourceCount: produced.resourceCount,
      };
      const uploaded = await context.checkpoints.upload(write);
      uploadedKey = uploaded.blobKey;
      replacedKey = await context.checkpoints.record(tx, write, uploaded);
      await tx
        .update(updates)
        .set({
          resourceCount: produced.resourceCount,
          ...(produced.sequence === undefined ? {} : { checkpointSequence: produced.sequence }),
          updatedAt: context.now(),
        })
        .where(eq(updates.id, update.id));
    });
  } catch (error) {
    if (uploadedKey) {
      await context.checkpoints.discard(uploadedKey).catch(() => undefined);
    }
    throw error;
  }
  if (replacedKey) {
    await context.checkpoints.discard(replacedKey).catch((error: unknown) => {
      context.logger.warn("failed to delete a replaced checkpoint blob", { blobKey: replacedKey, error });
    });
  }
}

// TODO: reject checkpoints of journaling updates once every client is known to follow the negotiation.
// Today such a checkpoint is stored, and the journal replay at completion replaces it when entries exist.
/** `PATCH .../checkpoint`: a whole deployment, so a retry simply writes it again. */
export async function saveCheckpoint(
  context: UpdatesContext,
  lease: Lease,
  body: { version: number; features?: string[]; deployment: unknown },
): Promise<void> {
  const document = {
    version: body.version,
    ...(body.features && body.features.length > 0 ? { features: body.features } : {}),
    deployment: body.deployment,
  };
  const { resourceCount } = summarizeDeploymentObject(document);
  const text = encodeJson(document);
  await storeCheckpoint(context, lease, "save a checkpoint", async () => ({ text, resourceCount }));
}

/**
 * `PATCH .../checkpointverbatim`: the deployment text exactly as the CLI
 * serialised it, because later deltas index into these bytes. A sequence
 * number below the last applied one is a stale retry and is ignored.
 */
export async function saveVerbatimCheckpoint(
  context: UpdatesContext,
  lease: Lease,
  sequenceNumber: number,
  untypedDeployment: Uint8Array,
): Promise<void> {
  const { resourceCount } = summarizeDeployment(untypedDeployment);
  await storeCheckpoint(context, lease, "save a checkpoint", async (update) => {
    if (sequenceNumber < update.checkpointSequence) {
      return undefined;
    }
    return { text: untypedDeployment, resourceCount, sequence: sequenceNumber };
  });
}

/**
 * `PATCH .../checkpointdelta`: edits against this update's previous save.
 * The same sequence number again is a retry of an applied delta and is
 * ignored. Any mismatch is a 422, so the CLI resends the save as verbatim
 * with the same sequence number.
 */
export async function saveDeltaCheckpoint(
  context: UpdatesContext,
  lease: Lease,
  sequenceNumber: number,
  checkpointHash: string,
  delta: unknown,
): Promise<void> {
  await storeCheckpoint(context, lease, "apply a checkpoint delta", async (update, previousText) => {
    if (sequenceNumber === update.checkpointSequence) {
      return undefined;
    }
    if (sequenceNumber !== update.checkpointSequence + 1) {
      throw new UnprocessableError(
        `Checkpoint delta ${sequenceNumber} does not follow the last saved checkpoint ${update.checkpointSequence}; send a verbatim checkpoint.`,
      );
    }
    const previous = await previousText();
    if (!previous) {
      throw new UnprocessableError("Checkpoint delta has no base: this update has not saved a verbatim checkpoint yet.");
    }
    const text = applyCheckpointDelta(previous, delta);
    verifyCheckpointHash(text, checkpointHash);
    const { resourceCount } = summarizeDeployment(text);
    return { text, resourceCount, sequence: sequenceNumber };
  });
}
