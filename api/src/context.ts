import type { AccessTokenService } from "@procella/auth/access-tokens";
import type { StacksService } from "@procella/stacks";
import type { Caller, Logger } from "@procella/types";
import type { UpdatesService } from "@procella/updates";

/** The domain services the dashboard API calls; the server builds them once and passes them in. */
export interface ApiServices {
  stacks: StacksService;
  updates: UpdatesService;
  tokens: AccessTokenService;
}

/** Per-request context: the services, the authenticated caller (if any) and a request-scoped logger. */
export interface ApiContext {
  services: ApiServices;
  caller?: Caller;
  /** Reason a presented credential was rejected, shown in place of the generic message. */
  authProblem?: string;
  logger: Logger;
}
