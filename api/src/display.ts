/**
 * Values and constants shared by the dashboard API and the SPA. This module
 * imports nothing, so the browser bundle can use it without server code.
 */

/**
 * Key and value that mark a secret in Pulumi's serialized state (the CLI's
 * `resource.SecretSig` in sdk/go/common/resource/sig, v3.276.0). The API
 * returns a secret as this pair alone, without its ciphertext.
 */
export const secretSignatureKey = "4dabf18193072939515e22adb298388d";
export const secretSignatureValue = "1b47061264138c4ac30d75fd1eb44270";

/** A JSON value as the dashboard shows it; secrets are replaced by `maskedSecret`. */
export type DisplayValue = null | boolean | number | string | DisplayValue[] | { [key: string]: DisplayValue };

export const maskedSecret: { readonly [secretSignatureKey]: typeof secretSignatureValue } = Object.freeze({
  [secretSignatureKey]: secretSignatureValue,
});

/** Reports whether `value` is a secret in Pulumi's serialized form, masked or not. */
export function isSecretValue(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    (value as Record<string, unknown>)[secretSignatureKey] === secretSignatureValue
  );
}

/** Type token of the root resource whose outputs are the stack outputs. */
export const stackResourceType = "pulumi:pulumi:Stack";
