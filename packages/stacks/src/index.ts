export { decodeContinuationToken, encodeContinuationToken } from "./continuation-token.ts";
export { PostgresStacksService, type PostgresStacksServiceOptions, stackHasResourcesMessage } from "./postgres-stacks-service.ts";
export type {
  ActiveOperation,
  CreateStackInput,
  ListStacksFilter,
  ListStacksResult,
  StackRecord,
  StackRef,
  StacksService,
} from "./stacks-service.ts";
