/**
 * Pulumi URN handling, following sdk/go/common/resource/urn/urn.go (read at v3.259.0).
 *
 * A URN is `urn:pulumi:<stack>::<project>::<qualified type>::<name>`. The qualified type
 * joins the types of a resource's ancestors and its own type with `$`, and the name may
 * itself contain `::`, so only the first three `::` delimiters split components.
 */

export const urnPrefix = "urn:pulumi:";
const nameDelimiter = "::";
const typeDelimiter = "$";

/** Type token of the root stack resource, whose name is `<project>-<stack>`. */
export const rootStackType = "pulumi:pulumi:Stack";

/** Components of a URN. */
export interface UrnParts {
  stack: string;
  project: string;
  /** Ancestor types and the resource type joined with `$`. */
  qualifiedType: string;
  name: string;
}

/** Counts non-overlapping occurrences, as Go's strings.Count does. */
function countOccurrences(text: string, pattern: string): number {
  let count = 0;
  let from = text.indexOf(pattern);
  while (from !== -1) {
    count++;
    from = text.indexOf(pattern, from + pattern.length);
  }
  return count;
}

/** Reports whether the CLI accepts the string as a URN: the prefix and at least three `::`. */
export function isValidUrn(urn: string): boolean {
  return urn.startsWith(urnPrefix) && countOccurrences(urn, nameDelimiter) >= 3;
}

/** Splits a valid URN into its components, or returns undefined for anything `isValidUrn` rejects. */
export function parseUrn(urn: string): UrnParts | undefined {
  if (!isValidUrn(urn)) {
    return undefined;
  }
  const body = urn.slice(urnPrefix.length);
  const first = body.indexOf(nameDelimiter);
  const second = first === -1 ? -1 : body.indexOf(nameDelimiter, first + nameDelimiter.length);
  const third = second === -1 ? -1 : body.indexOf(nameDelimiter, second + nameDelimiter.length);
  if (third === -1) {
    // Validity counts delimiters over the whole string, as the CLI does, but components come
    // from the part after the prefix. The two counts can differ when the stack name is empty.
    return undefined;
  }
  return {
    stack: body.slice(0, first),
    project: body.slice(first + nameDelimiter.length, second),
    qualifiedType: body.slice(second + nameDelimiter.length, third),
    name: body.slice(third + nameDelimiter.length),
  };
}

/** Returns the resource's own type: the last `$`-separated part of the qualified type. */
export function baseTypeOf(qualifiedType: string): string {
  return qualifiedType.slice(qualifiedType.lastIndexOf(typeDelimiter) + 1);
}

/**
 * Builds a URN. A non-empty `parentType` other than the root stack type is prepended to
 * `type` with `$`, as the engine does for children.
 */
export function formatUrn(stack: string, project: string, parentType: string, type: string, name: string): string {
  const qualifiedType = parentType !== "" && parentType !== rootStackType ? parentType + typeDelimiter + type : type;
  return urnPrefix + stack + nameDelimiter + project + nameDelimiter + qualifiedType + nameDelimiter + name;
}
