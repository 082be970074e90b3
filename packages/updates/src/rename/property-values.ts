/**
 * Renaming of URNs inside serialised property values, following the CLI's
 * `renameSerializedPropertyValue` (pkg/resource/edit/operations.go, read at v3.259.0).
 *
 * Only structured references change: the `urn` of a resource reference, the value and
 * `dependencies` of an output value, and the same inside a secret whose `plaintext` or
 * `ciphertext` is JSON. Plain strings that happen to look like URNs stay as they are, and
 * encrypted secrets cannot be read, so references inside them stay too.
 */

/** Key that marks a special value, with one of the signatures below as its value. */
const signatureKey = "4dabf18193072939515e22adb298388d";
const secretSignature = "1b47061264138c4ac30d75fd1eb44270";
const resourceReferenceSignature = "5cf8f73096256a8f31e491e813e4eb8e";
const outputValueSignature = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

/**
 * Returns `value` with `rename` applied to the URNs it references. Unchanged parts are
 * returned as the same objects, and nothing passed in is modified.
 */
export function renamePropertyValue(value: unknown, rename: (urn: string) => string): unknown {
  if (Array.isArray(value)) {
    return mapArray(value, (item) => renamePropertyValue(item, rename));
  }
  if (!isRecord(value)) {
    return value;
  }

  switch (value[signatureKey]) {
    case resourceReferenceSignature:
      return typeof value.urn === "string" ? withField(value, "urn", rename(value.urn)) : value;
    case secretSignature:
      return withField(
        withField(value, "plaintext", renameSecretText(value.plaintext, rename)),
        "ciphertext",
        renameSecretText(value.ciphertext, rename),
      );
    case outputValueSignature: {
      let result = value;
      if (Object.hasOwn(value, "value")) {
        result = withField(result, "value", renamePropertyValue(value.value, rename));
      }
      if (Array.isArray(value.dependencies)) {
        const dependencies = mapArray(value.dependencies, (dependency) =>
          typeof dependency === "string" ? rename(dependency) : dependency,
        );
        result = withField(result, "dependencies", dependencies);
      }
      return result;
    }
    default: {
      let result: Record<string, unknown> | undefined;
      for (const [key, item] of Object.entries(value)) {
        const renamed = renamePropertyValue(item, rename);
        if (renamed !== item) {
          result ??= { ...value };
          result[key] = renamed;
        }
      }
      return result ?? value;
    }
  }
}

/**
 * Renames references inside a secret's JSON text. Text that is not JSON, such as real
 * ciphertext, is returned unchanged.
 *
 * NOTE: the CLI re-encodes every parseable secret with Go's encoder (sorted keys, HTML
 * escapes). This re-encodes only secrets that change, with JSON.stringify, and both forms
 * decode to the same value.
 */
function renameSecretText(text: unknown, rename: (urn: string) => string): unknown {
  if (typeof text !== "string" || text === "") {
    return text;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: an encrypted secret, which carries no readable references.
    return text;
  }
  const renamed = renamePropertyValue(parsed, rename);
  return renamed === parsed ? text : JSON.stringify(renamed);
}

// TODO: bound the nesting depth of imported deployments once import validates them; a document nested
// about 100,000 levels deep overflows the stack in this recursion and the rename fails with a 500.
/** Maps an array, returning the original array when no element changed. */
function mapArray(items: unknown[], map: (item: unknown) => unknown): unknown[] {
  let result: unknown[] | undefined;
  items.forEach((item, index) => {
    const mapped = map(item);
    if (mapped !== item) {
      result ??= items.slice();
      result[index] = mapped;
    }
  });
  return result ?? items;
}

/** Returns the record with one field set, copying it only when the value differs. */
function withField(record: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  if (record[key] === value) {
    return record;
  }
  return { ...record, [key]: value };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
