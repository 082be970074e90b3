import type { Context } from "hono";
import { z } from "zod";

import type { UpdateKind } from "@procella/updates";

import type { AppEnv } from "../../env.ts";
import { readJsonBody } from "../../http/body.ts";
import { requireCaller } from "../caller.ts";
import { stackRefFromParams } from "../params.ts";
import { toUpdateResultsStatus } from "./wire.ts";

const configValue = z.object({
  string: z.string(),
  secret: z.boolean().optional(),
  object: z.boolean().optional(),
});

/** Pulumi's `apitype.UpdateProgramRequest`. */
export const updateProgramRequest = z.object({
  name: z.string().default(""),
  runtime: z.string().default(""),
  main: z.string().default(""),
  description: z.string().default(""),
  options: z.record(z.string(), z.unknown()).nullish(),
  config: z.record(z.string(), configValue).nullish(),
  metadata: z
    .object({
      message: z
        .string()
        .refine((text) => !text.includes("\u0000"), { error: "the update message may not contain the NUL character" })
        .default(""),
      environment: z.record(z.string(), z.string()).nullish(),
    })
    .nullish(),
});

/** Pulumi's `apitype.StartUpdateRequest`. */
export const startUpdateRequest = z.object({
  tags: z.record(z.string(), z.string()).nullish(),
  journalVersion: z.number().int().min(0).optional(),
});

/** `POST .../{update|preview|refresh|destroy}`: creates an update of that kind. */
export function createUpdateHandler(kind: UpdateKind) {
  return async function createUpdate(c: Context<AppEnv>) {
    const caller = requireCaller(c);
    const { stacks, updates } = c.get("services");
    const stack = await stacks.getStack(stackRefFromParams(c));
    const body = await readJsonBody(c, updateProgramRequest);

    const { updateId } = await updates.createUpdate(caller, stack, kind, {
      name: body.name,
      runtime: body.runtime,
      main: body.main,
      description: body.description,
      options: body.options ?? {},
      config: body.config ?? {},
      metadata: { message: body.metadata?.message ?? "", environment: body.metadata?.environment ?? {} },
    });
    return c.json({ updateID: updateId });
  };
}

/** `POST .../update/{updateId}`: starts the update and returns its lease token. */
export async function startUpdate(c: Context<AppEnv>) {
  const { stacks, updates } = c.get("services");
  const stack = await stacks.getStack(stackRefFromParams(c));
  const body = await readJsonBody(c, startUpdateRequest);
  const started = await updates.startUpdate(stack, c.req.param("updateId") ?? "", {
    tags: body.tags ?? undefined,
    journalVersion: body.journalVersion,
  });
  return c.json(started);
}

/**
 * `GET .../update/{updateId}`: status polled by `pulumi stack import`.
 * Imports finish before their create call returns, so the first poll sees
 * the final status and no further events.
 */
export async function getUpdateStatus(c: Context<AppEnv>) {
  const { stacks, updates } = c.get("services");
  const stack = await stacks.getStack(stackRefFromParams(c));
  const update = await updates.getUpdate(stack, c.req.param("updateId") ?? "");
  return c.json({ status: toUpdateResultsStatus(update.status), events: [] });
}
