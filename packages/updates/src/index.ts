export { PostgresUpdatesService, type PostgresUpdatesServiceOptions } from "./postgres-updates-service.ts";
export { CheckpointStore } from "./state/checkpoint-store.ts";
export { emptyDeployment, emptyDeploymentText } from "./state/empty-deployment.ts";
export type { UpdatesService } from "./updates-service.ts";
