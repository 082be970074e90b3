export { applyCheckpointDelta, checkpointHash, parseCheckpointEdits, verifyCheckpointHash } from "./delta.ts";
export type { CheckpointEdit } from "./delta.ts";
export { CheckpointHashMismatchError, InvalidDeltaError, InvalidJsonError } from "./errors.ts";
export { extractRawJsonField, maxJsonNestingDepth } from "./raw-json-field.ts";
