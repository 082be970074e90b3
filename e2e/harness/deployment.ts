/** One resource of an exported deployment, typed only in the fields the suites read. */
export interface ExportedResource {
  urn: string;
  type: string;
  id?: string;
  custom?: boolean;
  protect?: boolean;
  parent?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  [field: string]: unknown;
}

/** `pulumi stack export` output: an UntypedDeployment. */
export interface ExportedDeployment {
  version: number;
  features?: string[];
  deployment: {
    manifest: { time: string; magic: string; version: string };
    secrets_providers?: { type: string; state?: Record<string, unknown> };
    resources?: ExportedResource[];
    pending_operations?: unknown[];
    [field: string]: unknown;
  };
}

export function parseExport(text: string): ExportedDeployment {
  return JSON.parse(text) as ExportedDeployment;
}

export function resourcesOf(deployment: ExportedDeployment): ExportedResource[] {
  return deployment.deployment.resources ?? [];
}

/** URNs of the deployment's resources, in stored order. */
export function urnsOf(deployment: ExportedDeployment): string[] {
  return resourcesOf(deployment).map((resource) => resource.urn);
}

/** Returns the resource whose URN ends with `::<name>`, and throws when there is none. */
export function resourceNamed(deployment: ExportedDeployment, name: string): ExportedResource {
  const found = resourcesOf(deployment).find((resource) => resource.urn.endsWith(`::${name}`));
  if (!found) {
    throw new Error(`no resource named '${name}' in the deployment; URNs: ${urnsOf(deployment).join(", ")}`);
  }
  return found;
}

/** Outputs of the root `pulumi:pulumi:Stack` resource. */
export function stackOutputsOf(deployment: ExportedDeployment): Record<string, unknown> {
  const stack = resourcesOf(deployment).find((resource) => resource.type === "pulumi:pulumi:Stack");
  return stack?.outputs ?? {};
}

const timestampFields = new Set(["time", "created", "modified"]);
const minSubstringLength = 6;
/** Key used while masking for the URN lists inside `propertyDependencies`, which are sorted like `dependencies`. */
const propertyDependencyList = "\u0000propertyDependencyList";

/**
 * Returns a copy of the deployment in which everything that legitimately
 * differs between two runs of the same program is replaced by a marker:
 * timestamps, secret ciphertexts (encrypted with a random nonce), the values
 * random resources and providers generate (their IDs and `result` outputs,
 * wherever they are referenced), the stack name `stackName` in URNs, and the
 * server URL and stack name in the secrets provider state. Resources and
 * dependency lists are sorted. Two runs that stored the same state then
 * compare equal.
 *
 * NOTE: generated values are recognised by value, so a RandomInteger whose
 * result equals some other number of the state masks that number too. Give
 * RandomIntegers ranges of large numbers, e.g. eight digits.
 */
export function maskDeployment(deployment: ExportedDeployment, stackName: string): unknown {
  const generated = new Set<string>();
  for (const resource of resourcesOf(deployment)) {
    // Every custom resource of these suites gets a generated ID: random values, and UUIDs for providers.
    if (resource.custom && typeof resource.id === "string" && resource.id !== "") {
      generated.add(resource.id);
    }
    const result = resource.outputs?.result;
    if (resource.type.startsWith("random:index/random") && result !== undefined && result !== null) {
      generated.add(String(result));
    }
  }
  // Short values (small random integers) are replaced only where they are the whole value, because as
  // substrings they would also match unrelated text such as line numbers.
  const values = [...generated].filter((value) => value.length >= minSubstringLength).sort((a, b) => b.length - a.length);

  const maskString = (text: string): string => {
    let masked = text.replaceAll(`urn:pulumi:${stackName}::`, "urn:pulumi:<stack>::");
    // The root stack resource is named `<project>-<stack>`.
    const rootSuffix = `-${stackName}`;
    if (masked.includes("::pulumi:pulumi:Stack::") && masked.endsWith(rootSuffix)) {
      masked = `${masked.slice(0, -rootSuffix.length)}-<stack>`;
    }
    for (const value of values) {
      masked = masked.replaceAll(value, "<generated>");
    }
    return masked;
  };
  const mask = (value: unknown, key: string | undefined): unknown => {
    if (typeof value === "string") {
      if (key === "ciphertext") {
        return "<ciphertext>";
      }
      if (key !== undefined && timestampFields.has(key)) {
        return "<time>";
      }
      return generated.has(value) ? "<generated>" : maskString(value);
    }
    if (typeof value === "number") {
      return generated.has(String(value)) ? "<generated>" : value;
    }
    if (Array.isArray(value)) {
      const items = value.map((item) => mask(item, undefined));
      // The engine records dependencies in the order it resolved them, which varies between runs.
      return key === "dependencies" || key === propertyDependencyList ? items.sort() : items;
    }
    if (typeof value === "object" && value !== null) {
      const copy: Record<string, unknown> = {};
      for (const [field, item] of Object.entries(value)) {
        copy[maskString(field)] = mask(item, key === "propertyDependencies" ? propertyDependencyList : field);
      }
      return copy;
    }
    return value;
  };

  const masked = mask(deployment, undefined) as ExportedDeployment;
  // Independent resources are stored in the order their steps finished, which varies between runs.
  masked.deployment.resources?.sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
  const state = masked.deployment.secrets_providers?.state;
  if (state) {
    state.url = "<server>";
    if (state.stack === stackName) {
      state.stack = "<stack>";
    }
  }
  return masked;
}
