import type { StackRecord } from "@procella/stacks";

/** Update lifecycle, checkpoints, journal, events, history and state export/import. */
export interface UpdatesService {
  /**
   * Returns the JSON text of the stack's UntypedDeployment: the latest state,
   * or the state as of `version`. Throws NotFoundError for a version the stack
   * never had.
   */
  exportDeployment(stack: StackRecord, version?: number): Promise<Uint8Array>;
}
