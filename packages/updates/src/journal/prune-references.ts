import type { ResourceV3 } from "./types.ts";

/**
 * Removes references to resources that a refresh deleted, as the CLI's replayer does after
 * any refresh (`rebuildDependencies` in pkg/backend/journal.go, read at v3.259.0).
 *
 * The list must be in dependency order. A resource keeps only the `dependencies`,
 * `propertyDependencies` and `replaceWith` entries, and the `deletedWith` value, that
 * name a resource earlier in the list. A property key left with no dependencies is dropped.
 * A `parent` that names no resource anywhere in the list is removed.
 *
 * The objects in `resources` are changed in place: fields are reassigned, never edited, so
 * arrays and maps shared with other objects stay untouched. Pass copies you own.
 */
export function pruneDanglingReferences(resources: ResourceV3[]): void {
  const earlier = new Set<string>();

  for (const resource of resources) {
    const dependencies = resource.dependencies;
    if (Array.isArray(dependencies) && dependencies.length > 0) {
      setOrDelete(resource, "dependencies", dependencies.filter((urn) => earlier.has(urn)));
    }

    const propertyDependencies = resource.propertyDependencies;
    if (isRecord(propertyDependencies) && Object.keys(propertyDependencies).length > 0) {
      const surviving: Record<string, string[]> = {};
      let survivingKeys = 0;
      for (const [property, urns] of Object.entries(propertyDependencies)) {
        const survivors = Array.isArray(urns) ? urns.filter((urn) => earlier.has(urn)) : [];
        if (survivors.length > 0) {
          surviving[property] = survivors;
          survivingKeys++;
        }
      }
      setOrDelete(resource, "propertyDependencies", survivingKeys > 0 ? surviving : undefined);
    }

    const replaceWith = resource.replaceWith;
    if (Array.isArray(replaceWith) && replaceWith.length > 0) {
      setOrDelete(resource, "replaceWith", replaceWith.filter((urn) => earlier.has(urn)));
    }

    if (resource.deletedWith !== undefined && !earlier.has(String(resource.deletedWith))) {
      delete resource.deletedWith;
    }

    earlier.add(resource.urn);
  }

  clearMissingParents(resources, earlier);
}

/**
 * Removes each `parent` that is not in `present`.
 *
 * NOTE: the CLI's `undangleParentResources` intends to re-parent such a resource to its
 * grandparent, but it looks the grandparent up by the missing parent's URN, which is never
 * recorded, so the parent always ends up empty. This function reproduces that outcome.
 */
function clearMissingParents(resources: ResourceV3[], present: ReadonlySet<string>): void {
  for (const resource of resources) {
    const parent = resource.parent;
    if (parent !== undefined && !present.has(String(parent))) {
      delete resource.parent;
    }
  }
}

function setOrDelete<K extends "dependencies" | "replaceWith" | "propertyDependencies">(
  resource: ResourceV3,
  key: K,
  value: ResourceV3[K] | undefined,
): void {
  const isEmpty = value === undefined || (Array.isArray(value) && value.length === 0);
  if (isEmpty) {
    // Go's encoder omits the emptied field, so the result carries no key at all.
    delete resource[key];
  } else {
    resource[key] = value;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
