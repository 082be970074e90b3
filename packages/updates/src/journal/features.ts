import type { ResourceV3 } from "./types.ts";

/**
 * Deployment features: names a version 4 deployment lists so that older CLIs refuse state
 * they would misread. Names and triggers follow pkg/resource/stack/deployment.go
 * (`ApplyFeatures`, read at v3.259.0).
 */
export const DeploymentFeature = {
  RefreshBeforeUpdate: "refreshBeforeUpdate",
  Views: "views",
  Hooks: "hooks",
  Taint: "taint",
  ReplaceWith: "replaceWith",
  Snippets: "snippets-prototype",
  ExtensionParameterization: "extensionParameterization",
  ByteString: "byteString",
} as const;

export type DeploymentFeature = (typeof DeploymentFeature)[keyof typeof DeploymentFeature];

function isNonEmptyString(value: unknown): boolean {
  return typeof value === "string" && value !== "";
}

function isNonEmptyArray(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}

function isNonEmptyObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && Object.keys(value).length > 0;
}

/**
 * Adds the features a resource needs to `features`. `requiresByteString` adds `byteString`
 * because strings that are not UTF-8 may hide inside encrypted secrets, where the resource
 * itself cannot show them.
 */
export function addResourceFeatures(resource: ResourceV3, requiresByteString: boolean, features: Set<string>): void {
  if (requiresByteString) {
    features.add(DeploymentFeature.ByteString);
  }
  if (resource.refreshBeforeUpdate === true) {
    features.add(DeploymentFeature.RefreshBeforeUpdate);
  }
  if (isNonEmptyString(resource.viewOf)) {
    features.add(DeploymentFeature.Views);
  }
  if (isNonEmptyObject(resource.resourceHooks)) {
    features.add(DeploymentFeature.Hooks);
  }
  if (resource.taint === true) {
    features.add(DeploymentFeature.Taint);
  }
  if (isNonEmptyArray(resource.replaceWith)) {
    features.add(DeploymentFeature.ReplaceWith);
  }
  if (isNonEmptyString(resource.extensionRef)) {
    features.add(DeploymentFeature.ExtensionParameterization);
  }
  if (isNonEmptyString(resource.snippetID)) {
    features.add(DeploymentFeature.Snippets);
  }
}
