/**
 * Export of a stack that has never been updated: a version-3 deployment with
 * a zero manifest time, which `pulumi stack` takes as "never updated".
 */
export const emptyDeployment = {
  version: 3,
  deployment: {
    manifest: { time: "0001-01-01T00:00:00Z", magic: "", version: "" },
  },
} as const;

export const emptyDeploymentText: Uint8Array = new TextEncoder().encode(JSON.stringify(emptyDeployment));
