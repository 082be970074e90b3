/** Extra dev users of the end-to-end suites, passed as PROCELLA_DEV_USERS. */
export const viewerToken = "procella-e2e-viewer-token-0123456789";
export const outsiderToken = "procella-e2e-outsider-token-0123456789";

export const devUsersEnv = JSON.stringify([
  { token: viewerToken, login: "victor", orgs: { acme: "viewer" } },
  { token: outsiderToken, login: "olga", orgs: { globex: "admin" } },
]);
