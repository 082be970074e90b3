import type { Context } from "hono";
import { z } from "zod";

import { BadRequestError } from "@procella/types";
import { extractRawJsonField } from "@procella/updates";

import type { AppEnv } from "../../env.ts";
import { parseJson, readBody, readJsonBody, validateBody } from "../../http/body.ts";
import { requireLease } from "../lease.ts";

/** Pulumi's `apitype.RenewUpdateLeaseRequest`; `token` is always sent empty. */
const renewLeaseRequest = z.object({ token: z.string().optional(), duration: z.number().int().positive() });

const checkpointRequest = z.object({
  isInvalid: z.boolean().optional(),
  version: z.number().int(),
  features: z.array(z.string()).nullish(),
  deployment: z.unknown(),
});

const verbatimCheckpointRequest = z.object({
  version: z.number().int(),
  untypedDeployment: z.unknown(),
  sequenceNumber: z.number().int().positive(),
});

const deltaCheckpointRequest = z.object({
  version: z.number().int(),
  checkpointHash: z.string().regex(/^[0-9a-f]{64}$/, { error: "checkpointHash must be a lowercase hex SHA-256" }),
  sequenceNumber: z.number().int().positive(),
  deploymentDelta: z.unknown(),
});

const journalEntriesRequest = z.object({ entries: z.array(z.unknown()).nullable() });
const eventBatchRequest = z.object({ events: z.array(z.unknown()).nullable() });
const completeRequest = z.object({ status: z.enum(["succeeded", "failed", "cancelled"]) });

/** `POST .../renew_lease`: a 403 tells the CLI the lease is gone and it stops renewing. */
export async function renewLease(c: Context<AppEnv>) {
  const body = await readJsonBody(c, renewLeaseRequest);
  return c.json(await c.get("services").updates.renewLease(requireLease(c), body.duration));
}

/** `PATCH .../checkpoint`: the whole deployment; retries rewrite the same state. */
export async function patchCheckpoint(c: Context<AppEnv>) {
  const body = await readJsonBody(c, checkpointRequest);
  if (body.isInvalid) {
    throw new BadRequestError("Invalid checkpoint: the CLI marked this checkpoint as invalid.");
  }
  await c.get("services").updates.saveCheckpoint(requireLease(c), {
    version: body.version,
    features: body.features ?? undefined,
    deployment: body.deployment,
  });
  return c.json({});
}

/**
 * `PATCH .../checkpointverbatim`: `untypedDeployment` is stored as the exact
 * bytes of the request, because later deltas index into them.
 */
export async function patchCheckpointVerbatim(c: Context<AppEnv>) {
  const bytes = await readBody(c);
  const body = validateBody(verbatimCheckpointRequest, parseJson(bytes));
  const raw = extractRawJsonField(bytes, "untypedDeployment");
  if (!raw) {
    throw new BadRequestError("Invalid request body: untypedDeployment is required.");
  }
  await c.get("services").updates.saveVerbatimCheckpoint(requireLease(c), body.sequenceNumber, raw);
  return c.json({});
}

/** `PATCH .../checkpointdelta`: any rejection makes the CLI resend the save verbatim. */
export async function patchCheckpointDelta(c: Context<AppEnv>) {
  const body = await readJsonBody(c, deltaCheckpointRequest);
  await c
    .get("services")
    .updates.saveDeltaCheckpoint(requireLease(c), body.sequenceNumber, body.checkpointHash, body.deploymentDelta);
  return c.json({});
}

/** `PATCH .../journalentries`: a 2xx means the entries are durable. */
export async function patchJournalEntries(c: Context<AppEnv>) {
  const body = await readJsonBody(c, journalEntriesRequest);
  await c
    .get("services")
    .updates.appendJournalEntries(requireLease(c), (body.entries ?? []) as Record<string, unknown>[]);
  return c.json({});
}

/** `POST .../events/batch`: batches may repeat or arrive out of order; events are keyed by sequence. */
export async function postEventBatch(c: Context<AppEnv>) {
  const body = await readJsonBody(c, eventBatchRequest);
  await c.get("services").updates.recordEvents(requireLease(c), (body.events ?? []) as never[]);
  return c.json({});
}

/** `POST .../events`: a single engine event (older CLIs). */
export async function postEvent(c: Context<AppEnv>) {
  const event = parseJson(await readBody(c));
  await c.get("services").updates.recordEvents(requireLease(c), [event] as never[]);
  return c.json({});
}

/** `POST .../complete`: completing twice is a no-op, so the CLI's retries succeed. */
export async function completeUpdate(c: Context<AppEnv>) {
  const body = await readJsonBody(c, completeRequest);
  await c.get("services").updates.completeUpdate(requireLease(c), body.status);
  return c.json({});
}
