import type { DeploymentV3, ExtensionV1, JournalEntry, ResourceV3 } from "./types.ts";

/** Inputs of the deployment a replay produces that do not come from the journal. */
export interface ReplayOptions {
  /** Time written to the manifest. */
  now: Date;
  /** Engine version written to the manifest, e.g. "v3.276.0". */
  engineVersion: string;
}

/** Changes accumulated by a replay, on top of its base deployment. */
export interface ReplayState {
  base: DeploymentV3;
  /** Resources written by Success entries, in the order the entries were applied. */
  newResources: readonly ResourceV3[];
  /** Position in `newResources` of the resource each operation wrote. */
  positionByOperation: ReadonlyMap<number, number>;
  removedNewOperations: ReadonlySet<number>;
  removedBaseIndices: ReadonlySet<number>;
  replacedBaseStates: ReadonlyMap<number, ResourceV3>;
  deleteMarkedBaseIndices: ReadonlySet<number>;
  pendingReplacementBaseIndices: ReadonlySet<number>;
  /** Begin entries still waiting for their Success or Failure, in arrival order. */
  incompleteOperations: ReadonlyMap<number, JournalEntry>;
  extensions: ReadonlyMap<string, ExtensionV1>;
  sawRefresh: boolean;
  requiresByteString: boolean;
}

/**
 * Returns the position of the resource an earlier Success wrote for `operationID`.
 *
 * NOTE: for an operation that wrote no resource (for example one that ended in Failure),
 * the CLI's Go map lookup yields 0 and the entry then acts on the first new resource. The
 * replay does the same so that both produce the same deployment.
 */
export function positionOfOperation(positions: ReadonlyMap<number, number>, operationID: number): number {
  return positions.get(operationID) ?? 0;
}

/**
 * Returns a shallow copy without top-level `null` fields, which Go reads as absent. A
 * shallow copy is enough because the replay replaces top-level fields and never edits
 * nested ones.
 */
export function copyDeployment(deployment: DeploymentV3 | undefined): DeploymentV3 {
  const copy: DeploymentV3 = {};
  for (const [key, value] of Object.entries(deployment ?? {})) {
    if (value !== null) {
      copy[key] = value;
    }
  }
  return copy;
}

/** Sets a field, or removes it when the value is missing or an empty array, as Go's `omitempty` would. */
export function setOrDelete<K extends keyof DeploymentV3>(deployment: DeploymentV3, key: K, value: DeploymentV3[K]): void {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) {
    delete deployment[key];
  } else {
    deployment[key] = value;
  }
}

export function isPresent<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}
