import { type DisplayValue, isSecretValue, maskedSecret } from "../display.ts";

/** Nesting below this depth is cut off, so a hostile document cannot exhaust the stack. */
const maxDepth = 64;

/**
 * Copies a JSON value for display, replacing every secret (Pulumi's
 * signature object with its ciphertext) with the bare signature, so no
 * ciphertext or plaintext leaves the server.
 */
export function maskSecrets(value: unknown, depth = 0): DisplayValue {
  if (value === null || typeof value === "boolean" || typeof value === "string") {
    return value;
  }
  if (typeof value === "number") {
    return Number.isFinite(value) ? value : null;
  }
  if (isSecretValue(value)) {
    return { ...maskedSecret };
  }
  if (depth >= maxDepth) {
    return "[nested too deeply to show]";
  }
  if (Array.isArray(value)) {
    return value.map((item) => maskSecrets(item, depth + 1));
  }
  if (typeof value === "object") {
    const copy: Record<string, DisplayValue> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) {
        copy[key] = maskSecrets(item, depth + 1);
      }
    }
    return copy;
  }
  return null;
}

/** Masks a property map; absent or non-object input becomes an empty map. */
export function maskProperties(value: unknown): Record<string, DisplayValue> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return {};
  }
  return maskSecrets(value) as Record<string, DisplayValue>;
}
