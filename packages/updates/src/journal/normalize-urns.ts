import { JournalReplayError } from "./errors.ts";
import { formatProviderReference, InvalidProviderReferenceError, parseProviderReference } from "./provider-reference.ts";
import type { ResourceV3, SnippetV1 } from "./types.ts";
import { baseTypeOf, formatUrn, parseUrn, rootStackType } from "./urn.ts";

/**
 * Rewrites URN references that go through an alias to the URN of the resource that now
 * carries that alias, then drops every `aliases` list. This follows
 * `DeploymentV3.NormalizeURNReferences` in sdk/go/common/apitype/core.go (read at v3.259.0).
 *
 * While walking the list in order, each resource's aliases map to its URN. When a
 * resource's parent is itself an alias, the resource's own URN maps to a URN re-derived
 * under the new parent's qualified type, unless that parent is the root stack.
 * The rewrite covers `urn`, `parent`, `provider`, `dependencies`, `propertyDependencies`,
 * `deletedWith` and `viewOf`, and the `references` of each snippet. Like the CLI, it
 * leaves `replaceWith` as it is. Aliases resolve one level deep only.
 *
 * Resource objects are changed in place by reassigning fields, so pass copies you own.
 * Returns the snippets with rewritten references, as new objects.
 * Throws JournalReplayError when two resources claim the same alias or a provider reference
 * is malformed, the two cases in which the CLI fails.
 */
export function normalizeUrnReferences(
  resources: ResourceV3[],
  snippets: readonly SnippetV1[] | undefined,
): SnippetV1[] | undefined {
  const canonical = collectAliases(resources);
  const fix = (urn: string): string => canonical.get(urn) ?? urn;

  for (const resource of resources) {
    resource.urn = fix(resource.urn);
    if (typeof resource.parent === "string") {
      resource.parent = fix(resource.parent);
    }
    if (typeof resource.provider === "string" && resource.provider !== "") {
      resource.provider = fixProviderReference(resource.provider, fix);
    }
    if (Array.isArray(resource.dependencies)) {
      resource.dependencies = resource.dependencies.map(fix);
    }
    if (isRecord(resource.propertyDependencies)) {
      const rewritten: Record<string, string[]> = {};
      for (const [property, urns] of Object.entries(resource.propertyDependencies)) {
        rewritten[property] = Array.isArray(urns) ? urns.map(fix) : urns;
      }
      resource.propertyDependencies = rewritten;
    }
    if (typeof resource.deletedWith === "string") {
      resource.deletedWith = fix(resource.deletedWith);
    }
    if (typeof resource.viewOf === "string") {
      resource.viewOf = fix(resource.viewOf);
    }
    // Aliases only matter while a deployment runs, so the CLI never writes them back.
    delete resource.aliases;
  }

  return snippets?.map((snippet) => {
    if (!isRecord(snippet.references)) {
      return snippet;
    }
    const references: Record<string, string> = {};
    for (const [identifier, urn] of Object.entries(snippet.references)) {
      references[identifier] = typeof urn === "string" ? fix(urn) : urn;
    }
    return { ...snippet, references };
  });
}

/** Maps every alias, and every URN whose parent was renamed through an alias, to its canonical URN. */
function collectAliases(resources: readonly ResourceV3[]): Map<string, string> {
  const canonical = new Map<string, string>();

  for (const resource of resources) {
    for (const alias of Array.isArray(resource.aliases) ? resource.aliases : []) {
      const claimedBy = canonical.get(alias);
      // SDKs may list one alias several times for the same resource, which is harmless.
      if (claimedBy !== undefined && claimedBy !== resource.urn) {
        throw new JournalReplayError(
          `Invalid deployment: resources "${claimedBy}" and "${resource.urn}" both claim the alias "${alias}".`,
        );
      }
      canonical.set(alias, resource.urn);
    }

    const newParent = typeof resource.parent === "string" ? canonical.get(resource.parent) : undefined;
    if (newParent === undefined || newParent === "") {
      continue;
    }
    const parentParts = parseUrn(newParent);
    const ownParts = parseUrn(resource.urn);
    if (parentParts === undefined || ownParts === undefined || parentParts.qualifiedType === rootStackType) {
      continue;
    }
    canonical.set(
      resource.urn,
      formatUrn(
        ownParts.stack,
        ownParts.project,
        parentParts.qualifiedType,
        baseTypeOf(ownParts.qualifiedType),
        ownParts.name,
      ),
    );
  }

  return canonical;
}

function fixProviderReference(reference: string, fix: (urn: string) => string): string {
  try {
    const parsed = parseProviderReference(reference);
    // Rebuilding the reference also replaces an empty ID with the CLI's unknown-ID marker.
    return formatProviderReference(fix(parsed.urn), parsed.id);
  } catch (error) {
    if (error instanceof InvalidProviderReferenceError) {
      throw new JournalReplayError(`Invalid deployment: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
