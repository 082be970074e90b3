import { baseTypeOf, parseUrn } from "./urn.ts";

/**
 * Provider references, following sdk/go/common/providers/reference.go (read at v3.259.0).
 * A reference is `<provider URN>::<provider ID>`, split at the last `::` because the URN
 * itself contains `::`.
 */

/** ID the CLI substitutes when a provider reference is rebuilt with an empty ID. */
export const unknownProviderId = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const providerModule = "pulumi:providers";

/** Raised when a string is not a usable provider reference. */
export class InvalidProviderReferenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidProviderReferenceError";
  }
}

/** A parsed provider reference. */
export interface ProviderReference {
  urn: string;
  id: string;
}

/**
 * Checks that a URN names a provider resource: a valid URN whose own type is
 * `pulumi:providers:<package>` with a non-empty package.
 */
function validateProviderUrn(urn: string): void {
  const parts = parseUrn(urn);
  if (parts === undefined) {
    throw new InvalidProviderReferenceError(`"${urn}" is not a valid URN.`);
  }
  const type = baseTypeOf(parts.qualifiedType);
  const firstColon = type.indexOf(":");
  const secondColon = firstColon === -1 ? -1 : type.indexOf(":", firstColon + 1);
  // A type token with fewer than two colons has no module, so it cannot name a provider.
  if (secondColon === -1 || type.slice(0, secondColon) !== providerModule) {
    throw new InvalidProviderReferenceError(
      `Invalid provider URN "${urn}": its type "${type}" is not in the module "${providerModule}".`,
    );
  }
  if (type.slice(secondColon + 1) === "") {
    throw new InvalidProviderReferenceError(`Invalid provider URN "${urn}": the provider type has no package name.`);
  }
}

/** Parses `<provider URN>::<ID>`, throwing InvalidProviderReferenceError when the URN is not a provider URN. */
export function parseProviderReference(reference: string): ProviderReference {
  const separator = reference.lastIndexOf("::");
  if (separator === -1) {
    throw new InvalidProviderReferenceError(`Invalid provider reference "${reference}": expected "<URN>::<ID>".`);
  }
  const urn = reference.slice(0, separator);
  validateProviderUrn(urn);
  return { urn, id: reference.slice(separator + 2) };
}

/**
 * Formats a provider reference after validating the URN. An empty ID becomes
 * `unknownProviderId`, as in the CLI's `providers.NewReference`.
 */
export function formatProviderReference(urn: string, id: string): string {
  validateProviderUrn(urn);
  return `${urn}::${id === "" ? unknownProviderId : id}`;
}
