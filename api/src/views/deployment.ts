import { z } from "zod";

import { UnprocessableError } from "@procella/types";

import { type DisplayValue, stackResourceType } from "../display.ts";
import { maskProperties } from "./mask-secrets.ts";
import { parseProviderReference, urnName } from "./urn.ts";

/** One resource of a stack's state, with secrets masked. */
export interface ResourceView {
  urn: string;
  name: string;
  type: string;
  /** URN of the parent resource; absent for the root stack resource and for providers without a parent. */
  parent?: string;
  provider?: { urn: string; id: string };
  id?: string;
  custom: boolean;
  protect: boolean;
  external: boolean;
  /** Replaced and waiting to be deleted. */
  pendingDelete: boolean;
  dependencies: string[];
  inputs: Record<string, DisplayValue>;
  outputs: Record<string, DisplayValue>;
  createdAt?: string;
  modifiedAt?: string;
}

export interface StateView {
  /** Time the state was written, from its manifest; absent for a stack never updated. */
  writtenAt?: string;
  /** CLI version that wrote the state. */
  cliVersion?: string;
  resources: ResourceView[];
  /** Operations the engine started and never finished, as `pulumi stack export` lists them. */
  pendingOperations: { type: string; urn: string }[];
}

// Only the fields shown are checked; the rest of each resource passes through unread.
const resourceSchema = z.looseObject({
  urn: z.string(),
  type: z.string(),
  custom: z.boolean().optional(),
  delete: z.boolean().optional(),
  id: z.string().optional(),
  inputs: z.unknown().optional(),
  outputs: z.unknown().optional(),
  parent: z.string().optional(),
  provider: z.string().optional(),
  protect: z.boolean().optional(),
  external: z.boolean().optional(),
  dependencies: z.array(z.string()).nullish(),
  created: z.string().optional(),
  modified: z.string().optional(),
});

const untypedDeploymentSchema = z.looseObject({
  version: z.number().optional(),
  deployment: z
    .looseObject({
      manifest: z.looseObject({ time: z.string().optional(), version: z.string().optional() }).optional(),
      resources: z.array(resourceSchema).nullish(),
      pending_operations: z.array(z.looseObject({ resource: resourceSchema, type: z.string() })).nullish(),
    })
    .optional(),
});

/** Go's zero time, which a manifest of a never-updated stack carries. */
const zeroTimePrefix = "0001-01-01";

function toResourceView(resource: z.infer<typeof resourceSchema>): ResourceView {
  return {
    urn: resource.urn,
    name: urnName(resource.urn),
    type: resource.type,
    parent: resource.parent || undefined,
    provider: resource.provider ? parseProviderReference(resource.provider) : undefined,
    id: resource.id || undefined,
    custom: resource.custom ?? false,
    protect: resource.protect ?? false,
    external: resource.external ?? false,
    pendingDelete: resource.delete ?? false,
    dependencies: resource.dependencies ?? [],
    inputs: maskProperties(resource.inputs),
    outputs: maskProperties(resource.outputs),
    createdAt: resource.created,
    modifiedAt: resource.modified,
  };
}

/** Parses the JSON text of an UntypedDeployment (as export returns it) into the dashboard's view. */
export function parseState(text: Uint8Array): StateView {
  let document: unknown;
  try {
    document = JSON.parse(new TextDecoder().decode(text));
  } catch (error) {
    throw new UnprocessableError("The stored state of this stack is not valid JSON.", { cause: error });
  }
  const parsed = untypedDeploymentSchema.safeParse(document);
  if (!parsed.success) {
    throw new UnprocessableError(`The stored state of this stack does not have the shape of a Pulumi deployment: ${parsed.error.message}`);
  }
  const deployment = parsed.data.deployment;
  const time = deployment?.manifest?.time;
  return {
    writtenAt: time && !time.startsWith(zeroTimePrefix) ? time : undefined,
    cliVersion: deployment?.manifest?.version || undefined,
    resources: (deployment?.resources ?? []).map(toResourceView),
    pendingOperations: (deployment?.pending_operations ?? []).map((operation) => ({
      type: operation.type,
      urn: operation.resource.urn,
    })),
  };
}

/** Outputs of the root stack resource: the values `pulumi stack output` prints, secrets masked. */
export function stackOutputs(state: StateView): Record<string, DisplayValue> {
  const root = state.resources.find((resource) => resource.type === stackResourceType && resource.parent === undefined);
  return root?.outputs ?? {};
}
