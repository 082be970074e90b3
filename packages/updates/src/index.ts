export { GcWorker, type GcWorkerOptions } from "./gc/gc-worker.ts";
export { PostgresUpdatesService, type PostgresUpdatesServiceOptions } from "./postgres-updates-service.ts";
export { CheckpointStore } from "./state/checkpoint-store.ts";
export { emptyDeployment, emptyDeploymentText } from "./state/empty-deployment.ts";
export { extractRawJsonField } from "./checkpoint/raw-json-field.ts";
export { updateConflictMessage } from "./lifecycle/create-update.ts";
export type {
  EngineEventRecord,
  EventsPage,
  GarbageCollectionResult,
  Lease,
  StartedUpdate,
  UpdateKind,
  UpdateProgram,
  UpdateRecord,
  UpdateStatus,
  UpdatesService,
} from "./updates-service.ts";
