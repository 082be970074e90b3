import { addResourceFeatures, DeploymentFeature } from "./features.ts";
import { buildManifest } from "./manifest.ts";
import { normalizeUrnReferences } from "./normalize-urns.ts";
import { pruneDanglingReferences } from "./prune-references.ts";
import { isPresent, positionOfOperation, setOrDelete, type ReplayOptions, type ReplayState } from "./replay-state.ts";
import type { DeploymentV3, ExtensionV1, OperationV2, ResourceV3, UntypedDeployment } from "./types.ts";

/**
 * Builds the deployment a replay state describes, following `GenerateDeployment` in
 * pkg/backend/journal.go (read at v3.259.0).
 *
 * The result is version 4 with sorted `features` when any resource, operation or snippet
 * needs a feature, else version 3. It shares nested values with the state, so treat it as
 * read-only. Throws JournalReplayError when URN normalisation fails.
 */
export function buildDeployment(
  state: ReplayState,
  options: ReplayOptions,
): UntypedDeployment & { deployment: DeploymentV3 } {
  const features = new Set<string>();
  const resources = collectResources(state, features);
  const pendingOperations = collectPendingOperations(state, features);

  if (state.sawRefresh) {
    // A refresh may delete resources that others still point at.
    pruneDanglingReferences(resources);
  }

  // Unknown top-level fields of the base are carried over, and the known ones are rebuilt below.
  const { manifest: _previousManifest, ...carried } = state.base;
  const deployment: DeploymentV3 = {
    manifest: buildManifest(options.now, options.engineVersion),
    ...carried,
    metadata: state.base.metadata ?? {},
  };
  setOrDelete(deployment, "resources", resources);
  setOrDelete(deployment, "pending_operations", pendingOperations);

  const extensions: Record<string, ExtensionV1> = Object.fromEntries(state.extensions);
  // The base's entries win over ones collected during this update.
  Object.assign(extensions, state.base.extensions);
  setOrDelete(deployment, "extensions", Object.keys(extensions).length > 0 ? extensions : undefined);

  const snippets = state.base.snippets;
  if (Array.isArray(snippets) && snippets.length > 0) {
    features.add(DeploymentFeature.Snippets);
  }
  setOrDelete(deployment, "snippets", normalizeUrnReferences(resources, snippets ?? undefined));

  const sortedFeatures = [...features].sort();
  if (sortedFeatures.length === 0) {
    return { version: 3, deployment };
  }
  return { version: 4, features: sortedFeatures, deployment };
}

/** Collects the new resources in write order, then the surviving base resources in base order, as fresh copies. */
function collectResources(state: ReplayState, features: Set<string>): ResourceV3[] {
  const removedPositions = new Set<number>();
  for (const operationID of state.removedNewOperations) {
    removedPositions.add(positionOfOperation(state.positionByOperation, operationID));
  }

  const resources: ResourceV3[] = [];
  const emit = (resource: ResourceV3): void => {
    resources.push({ ...resource });
    addResourceFeatures(resource, state.requiresByteString, features);
  };

  state.newResources.forEach((resource, position) => {
    if (!removedPositions.has(position)) {
      emit(resource);
    }
  });

  const baseResources = state.base.resources ?? [];
  baseResources.forEach((resource, index) => {
    if (state.removedBaseIndices.has(index)) {
      return;
    }
    // A replacement state wins over deletion and pending-replacement marks, as in the CLI.
    const replacement = state.replacedBaseStates.get(index);
    if (replacement !== undefined) {
      emit(replacement);
      return;
    }
    let marked = resource;
    if (state.pendingReplacementBaseIndices.has(index)) {
      marked = { ...marked, pendingReplacement: true };
    }
    if (state.deleteMarkedBaseIndices.has(index)) {
      marked = { ...marked, delete: true };
    }
    emit(marked);
  });

  return resources;
}

/**
 * Collects the operations begun but not finished, in arrival order (the CLI iterates a Go
 * map, so its order is unspecified), then the base's pending creates. The CLI keeps those
 * creates because only the user can tell whether the resource exists.
 */
function collectPendingOperations(state: ReplayState, features: Set<string>): OperationV2[] {
  const operations: OperationV2[] = [];
  for (const begin of state.incompleteOperations.values()) {
    if (isPresent(begin.operation)) {
      operations.push(begin.operation);
      addResourceFeatures(begin.operation.resource, state.requiresByteString, features);
    }
  }
  for (const operation of state.base.pending_operations ?? []) {
    if (operation.type === "creating") {
      operations.push(operation);
      addResourceFeatures(operation.resource, state.requiresByteString, features);
    }
  }
  return operations;
}
