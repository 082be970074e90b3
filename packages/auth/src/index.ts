export type { AuthService } from "./auth-service.ts";
export { DevAuthService, type DevAuthServiceOptions } from "./dev-auth-service.ts";
export { requireRole } from "./require-role.ts";
export { generateAccessToken, hashToken, tokensEqual } from "./token-hash.ts";
