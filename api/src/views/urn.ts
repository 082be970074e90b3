/** The parts of a Pulumi URN: `urn:pulumi:<stack>::<project>::<qualified type>::<name>`. */
export interface UrnParts {
  stack: string;
  project: string;
  /** Type of the resource itself: the last `$`-separated part of the qualified type. */
  type: string;
  name: string;
}

/** Splits a URN; returns undefined for text that is not one. Names may themselves contain `::`. */
export function parseUrn(urn: string): UrnParts | undefined {
  const parts = urn.split("::");
  const head = parts[0];
  const project = parts[1];
  const qualifiedType = parts[2];
  if (!head?.startsWith("urn:pulumi:") || project === undefined || qualifiedType === undefined || parts.length < 4) {
    return undefined;
  }
  const type = qualifiedType.split("$").at(-1) ?? qualifiedType;
  return { stack: head.slice("urn:pulumi:".length), project, type, name: parts.slice(3).join("::") };
}

/** Returns the resource name from a URN, or the whole text when it is not a URN. */
export function urnName(urn: string): string {
  return parseUrn(urn)?.name ?? urn;
}

/** Splits a provider reference `<provider URN>::<provider id>`. */
export function parseProviderReference(reference: string): { urn: string; id: string } | undefined {
  const separator = reference.lastIndexOf("::");
  if (separator <= 0) {
    return undefined;
  }
  return { urn: reference.slice(0, separator), id: reference.slice(separator + 2) };
}
