import { buildDeployment } from "./build-deployment.ts";
import { JournalReplayError } from "./errors.ts";
import {
  copyDeployment,
  isPresent,
  positionOfOperation,
  setOrDelete,
  type ReplayOptions,
  type ReplayState,
} from "./replay-state.ts";
import {
  JournalEntryKind,
  type DeploymentV3,
  type ExtensionV1,
  type JournalEntry,
  type ResourceV3,
  type UntypedDeployment,
} from "./types.ts";

export type { ReplayOptions } from "./replay-state.ts";

/**
 * Applies journal entries one at a time to a base deployment and builds the resulting
 * deployment on demand. It reproduces the CLI's reference replayer (`JournalReplayer` in
 * pkg/backend/journal.go, read at v3.259.0), including the quirks noted at `#nextPosition`
 * and in `positionOfOperation`.
 *
 * Entries must arrive in sequence ID order without duplicates, which `replayJournal`
 * ensures. Each `add` costs constant time apart from the entry's own payload, except
 * RebuiltBaseState, which builds the whole deployment once.
 *
 * Inputs are never modified. The result shares nested values (property bags, operations)
 * with the base and the entries, so treat it as read-only or serialise it.
 */
export class JournalReplayer {
  readonly #options: ReplayOptions;
  #base: DeploymentV3;

  /** Resources written by Success entries, in the order the entries were applied. */
  #newResources: ResourceV3[] = [];
  /** Position in `#newResources` of the resource each operation wrote. */
  #positionByOperation = new Map<number, number>();
  /**
   * Next position to record. Like the CLI's counter it survives RebuiltBaseState, which
   * only matters for journals the CLI itself rejects (RebuiltBaseState before other entries
   * while new resources exist).
   */
  #nextPosition = 0;
  #removedNewOperations = new Set<number>();
  #removedBaseIndices = new Set<number>();
  #replacedBaseStates = new Map<number, ResourceV3>();
  #deleteMarkedBaseIndices = new Set<number>();
  #pendingReplacementBaseIndices = new Set<number>();
  /** Begin entries still waiting for their Success or Failure, in arrival order. */
  #incompleteOperations = new Map<number, JournalEntry>();
  #extensions = new Map<string, ExtensionV1>();
  #sawRefresh = false;
  #requiresByteString = false;

  constructor(base: DeploymentV3 | undefined, options: ReplayOptions) {
    this.#options = options;
    this.#base = copyDeployment(base);
  }

  /** Applies one entry. Throws JournalReplayError when the entry cannot apply to the current state. */
  add(entry: JournalEntry): void {
    if (entry.requiresByteString === true) {
      this.#requiresByteString = true;
    }

    switch (entry.kind) {
      case JournalEntryKind.Begin:
        this.#incompleteOperations.set(entry.operationID, entry);
        break;
      case JournalEntryKind.Success:
        this.#applySuccess(entry);
        break;
      case JournalEntryKind.RefreshSuccess:
        this.#applyRefreshSuccess(entry);
        break;
      case JournalEntryKind.Failure:
        this.#incompleteOperations.delete(entry.operationID);
        break;
      case JournalEntryKind.Outputs:
        this.#applyOutputs(entry);
        break;
      case JournalEntryKind.Write:
        if (!isPresent(entry.newSnapshot)) {
          throw entryError(entry, "a write entry has no newSnapshot");
        }
        // The CLI sends Write before any entry that refers to base indices.
        this.#base = copyDeployment(entry.newSnapshot);
        break;
      case JournalEntryKind.SecretsManager:
        this.#applySecretsManager(entry);
        break;
      case JournalEntryKind.Snippets:
        setOrDelete(this.#base, "snippets", entry.snippets ?? undefined);
        break;
      case JournalEntryKind.RebuiltBaseState:
        this.#rebase();
        break;
      case JournalEntryKind.ExtensionParameterize:
        if (!isPresent(entry.extensionRef) || !isPresent(entry.extension)) {
          throw entryError(entry, "an extension-parameterize entry needs both extensionRef and extension");
        }
        this.#extensions.set(entry.extensionRef, entry.extension);
        break;
      default:
        // Kinds added by newer CLIs are skipped, as the CLI's replayer skips unknown kinds.
        break;
    }
  }

  #applySuccess(entry: JournalEntry): void {
    this.#incompleteOperations.delete(entry.operationID);

    if (isPresent(entry.state)) {
      this.#newResources.push(entry.state);
      this.#positionByOperation.set(entry.operationID, this.#nextPosition);
      this.#nextPosition++;
    }
    if (isPresent(entry.removeOld)) {
      this.#removedBaseIndices.add(entry.removeOld);
    }
    if (isPresent(entry.removeNew)) {
      this.#removedNewOperations.add(entry.removeNew);
    }
    if (isPresent(entry.deleteOld)) {
      this.#deleteMarkedBaseIndices.add(entry.deleteOld);
    }
    if (isPresent(entry.deleteNew)) {
      const position = this.#positionOf(entry.deleteNew);
      this.#newResources[position] = { ...this.#newResourceAt(entry, position), delete: true };
    }
    if (isPresent(entry.pendingReplacementOld)) {
      this.#pendingReplacementBaseIndices.add(entry.pendingReplacementOld);
    }
    if (isPresent(entry.pendingReplacementNew)) {
      const position = this.#positionOf(entry.pendingReplacementNew);
      this.#newResources[position] = { ...this.#newResourceAt(entry, position), pendingReplacement: true };
    }
    if (entry.isRefresh === true) {
      this.#sawRefresh = true;
    }
  }

  #applyRefreshSuccess(entry: JournalEntry): void {
    this.#incompleteOperations.delete(entry.operationID);
    this.#sawRefresh = true;
    const state = isPresent(entry.state) ? entry.state : undefined;

    if (isPresent(entry.removeOld)) {
      if (state === undefined) {
        this.#removedBaseIndices.add(entry.removeOld);
      } else {
        this.#replacedBaseStates.set(entry.removeOld, state);
      }
    }
    if (isPresent(entry.removeNew)) {
      if (state === undefined) {
        this.#removedNewOperations.add(entry.removeNew);
      } else {
        this.#replaceNewResource(entry, entry.removeNew, state);
      }
    }
  }

  #applyOutputs(entry: JournalEntry): void {
    if (!isPresent(entry.state)) {
      return;
    }
    if (isPresent(entry.removeOld)) {
      this.#replacedBaseStates.set(entry.removeOld, entry.state);
    }
    if (isPresent(entry.removeNew)) {
      this.#replaceNewResource(entry, entry.removeNew, entry.state);
    }
  }

  #applySecretsManager(entry: JournalEntry): void {
    const current = this.#base.secrets_providers ?? undefined;
    const incoming = isPresent(entry.secretsProvider) ? entry.secretsProvider : undefined;
    if (incoming === undefined && current !== undefined) {
      throw entryError(entry, "a secrets-manager entry has no secretsProvider");
    }
    // Keeping an identical record preserves the stack's original secrets manager object.
    const unchanged =
      current !== undefined &&
      incoming !== undefined &&
      incoming.type === current.type &&
      JSON.stringify(incoming.state) === JSON.stringify(current.state);
    if (!unchanged) {
      setOrDelete(this.#base, "secrets_providers", incoming);
    }
  }

  /** Makes the current result the new base and clears every accumulated change. */
  #rebase(): void {
    this.#base = copyDeployment(this.generate().deployment);
    this.#newResources = [];
    this.#positionByOperation = new Map();
    this.#removedNewOperations = new Set();
    this.#removedBaseIndices = new Set();
    this.#replacedBaseStates = new Map();
    this.#deleteMarkedBaseIndices = new Set();
    this.#pendingReplacementBaseIndices = new Set();
    this.#incompleteOperations = new Map();
    this.#extensions = new Map();
  }

  #positionOf(operationID: number): number {
    return positionOfOperation(this.#positionByOperation, operationID);
  }

  #newResourceAt(entry: JournalEntry, position: number): ResourceV3 {
    const resource = this.#newResources[position];
    if (resource === undefined) {
      throw entryError(entry, `it refers to new resource ${position}, but only ${this.#newResources.length} exist`);
    }
    return resource;
  }

  #replaceNewResource(entry: JournalEntry, operationID: number, state: ResourceV3): void {
    const position = this.#positionOf(operationID);
    this.#newResourceAt(entry, position);
    this.#newResources[position] = state;
  }

  /** Builds the deployment that the entries added so far describe. */
  generate(): UntypedDeployment & { deployment: DeploymentV3 } {
    const state: ReplayState = {
      base: this.#base,
      newResources: this.#newResources,
      positionByOperation: this.#positionByOperation,
      removedNewOperations: this.#removedNewOperations,
      removedBaseIndices: this.#removedBaseIndices,
      replacedBaseStates: this.#replacedBaseStates,
      deleteMarkedBaseIndices: this.#deleteMarkedBaseIndices,
      pendingReplacementBaseIndices: this.#pendingReplacementBaseIndices,
      incompleteOperations: this.#incompleteOperations,
      extensions: this.#extensions,
      sawRefresh: this.#sawRefresh,
      requiresByteString: this.#requiresByteString,
    };
    return buildDeployment(state, this.#options);
  }
}

function entryError(entry: JournalEntry, reason: string): JournalReplayError {
  return new JournalReplayError(
    `Cannot replay journal entry ${entry.sequenceID} (kind ${entry.kind}, operation ${entry.operationID}): ${reason}.`,
    { sequenceID: entry.sequenceID },
  );
}
