export { JournalReplayError } from "./errors.ts";
export { DeploymentFeature } from "./features.ts";
export { formatProviderReference, InvalidProviderReferenceError, parseProviderReference, unknownProviderId } from "./provider-reference.ts";
export type { ProviderReference } from "./provider-reference.ts";
export { orderJournalEntries, replayJournal } from "./replay.ts";
export type { ReplayOptions } from "./replay-state.ts";
export { JournalReplayer } from "./replayer.ts";
export { JournalEntryKind } from "./types.ts";
export type {
  DeploymentV3,
  ExtensionV1,
  JournalEntries,
  JournalEntry,
  ManifestV1,
  OperationType,
  OperationV2,
  PluginInfoV1,
  ResourceV3,
  SecretsProvidersV1,
  SnapshotMetadataV1,
  SnippetV1,
  UntypedDeployment,
} from "./types.ts";
export { formatUrn, isValidUrn, parseUrn, rootStackType } from "./urn.ts";
export type { UrnParts } from "./urn.ts";
