export {
  type AccessTokenRecord,
  type AccessTokenService,
  type CreatedAccessToken,
  lastUsedResolutionMs,
  maxTokenNameLength,
  maxTokensPerUser,
  PostgresAccessTokenService,
  type PostgresAccessTokenServiceOptions,
} from "./access-token-service.ts";
export { AccessTokenAuthService, type UserDirectory, userDirectoryFromTokens } from "./access-token-service-auth.ts";
