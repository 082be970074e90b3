import { BadRequestError } from "@procella/types";

const encoder = new TextEncoder();

/** Facts the server reads from a deployment document besides its bytes. */
export interface DeploymentSummary {
  version: number;
  resourceCount: number;
}

/**
 * Parses UntypedDeployment text and checks the parts the CLI relies on when
 * it reads the state back: a schema version from 1 to 4 and a deployment
 * object. Throws BadRequestError otherwise.
 */
export function summarizeDeployment(text: Uint8Array): DeploymentSummary {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(text));
  } catch {
    throw new BadRequestError("Invalid deployment: it is not valid JSON.");
  }
  return summarizeDeploymentObject(parsed);
}

export function summarizeDeploymentObject(parsed: unknown): DeploymentSummary {
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new BadRequestError("Invalid deployment: expected a JSON object with version and deployment.");
  }
  const { version, deployment } = parsed as { version?: unknown; deployment?: unknown };
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1 || version > 4) {
    throw new BadRequestError("Invalid deployment: version must be an integer from 1 to 4.");
  }
  if (typeof deployment !== "object" || deployment === null || Array.isArray(deployment)) {
    throw new BadRequestError("Invalid deployment: the deployment field must be an object.");
  }
  const resources = (deployment as { resources?: unknown }).resources;
  if (resources !== undefined && resources !== null && !Array.isArray(resources)) {
    throw new BadRequestError("Invalid deployment: deployment.resources must be an array.");
  }
  return { version, resourceCount: Array.isArray(resources) ? resources.length : 0 };
}

export function encodeJson(value: unknown): Uint8Array<ArrayBuffer> {
  return encoder.encode(JSON.stringify(value));
}
