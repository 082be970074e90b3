/**
 * Wire types for journal entries and version 3/4 deployments, mirroring the Pulumi CLI's
 * `apitype` package (sdk/go/common/apitype/journal.go and core.go, read at v3.259.0).
 *
 * Field names are spelled exactly as the CLI sends them, including the snake_case keys of
 * DeploymentV3. Every object type has an index signature because the server must keep fields
 * it does not know: a newer CLI may add resource or deployment fields, and the exported
 * state must hand them back unchanged.
 *
 * Go's encoder omits empty values (`omitempty`) and its decoder reads JSON `null` as the zero
 * value, so readers of these types treat `null`, `undefined`, `""`, `false` and empty
 * collections alike unless a field comment states otherwise.
 */

/** Kinds of journal entry, with the numbers the CLI sends in `kind`. */
export const JournalEntryKind = {
  Begin: 0,
  Success: 1,
  Failure: 2,
  RefreshSuccess: 3,
  Outputs: 4,
  Write: 5,
  SecretsManager: 6,
  RebuiltBaseState: 7,
  ExtensionParameterize: 8,
  Snippets: 9,
} as const;

export type JournalEntryKind = (typeof JournalEntryKind)[keyof typeof JournalEntryKind];

/** Operation types of a pending operation (`apitype.OperationType` plus the engine's "importing"). */
export type OperationType = "creating" | "updating" | "deleting" | "reading" | "importing";

/** One resource in a deployment (`apitype.ResourceV3`). */
export interface ResourceV3 {
  urn: string;
  custom: boolean;
  type: string;
  delete?: boolean;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  parent?: string;
  protect?: boolean;
  taint?: boolean;
  external?: boolean;
  dependencies?: string[];
  initErrors?: string[];
  /** Provider reference of the form `<provider URN>::<provider ID>`. */
  provider?: string;
  propertyDependencies?: Record<string, string[]>;
  pendingReplacement?: boolean;
  additionalSecretOutputs?: string[];
  aliases?: string[];
  customTimeouts?: Record<string, unknown>;
  importID?: string;
  retainOnDelete?: boolean;
  deletedWith?: string;
  replaceWith?: string[];
  /** RFC 3339 time at which the resource was first added to state. */
  created?: string;
  /** RFC 3339 time at which the resource state last changed. */
  modified?: string;
  sourcePosition?: string;
  stackTrace?: Array<{ sourcePosition?: string }>;
  ignoreChanges?: string[];
  hideDiff?: string[];
  replaceOnChanges?: string[];
  replacementTrigger?: unknown;
  refreshBeforeUpdate?: boolean;
  viewOf?: string;
  resourceHooks?: Record<string, string[]>;
  /** Key into the deployment's `extensions` map. */
  extensionRef?: string;
  snippetID?: string;
  [field: string]: unknown;
}

/** An operation the engine had started but not finished (`apitype.OperationV2`). */
export interface OperationV2 {
  resource: ResourceV3;
  type: OperationType | (string & {});
  [field: string]: unknown;
}

/** Secrets manager record (`apitype.SecretsProvidersV1`) whose `state` is opaque JSON owned by the provider. */
export interface SecretsProvidersV1 {
  type: string;
  state?: unknown;
  [field: string]: unknown;
}

/** Plugin entry of a manifest (`apitype.PluginInfoV1`). */
export interface PluginInfoV1 {
  name: string;
  path: string;
  type: string;
  version: string;
  [field: string]: unknown;
}

/** Deployment manifest (`apitype.ManifestV1`). */
export interface ManifestV1 {
  /** RFC 3339 time of the deployment. */
  time: string;
  /** Lowercase hex SHA-256 of `version`, or "" when `version` is empty. */
  magic: string;
  /** Version of the Pulumi engine that wrote the deployment. */
  version: string;
  plugins?: PluginInfoV1[];
  [field: string]: unknown;
}

/** Snapshot metadata (`apitype.SnapshotMetadataV1`). */
export interface SnapshotMetadataV1 {
  integrity_error?: {
    version?: string;
    command?: string;
    error?: string;
    env_vars?: Record<string, string>;
    [field: string]: unknown;
  };
  [field: string]: unknown;
}

/** PCL snippet stored with a deployment (`apitype.SnippetV1`). */
export interface SnippetV1 {
  uuid: string;
  name: string;
  type: string;
  code: string;
  descriptor: Record<string, unknown>;
  /** Identifier used in the snippet code mapped to the URN it refers to. */
  references?: Record<string, string>;
  [field: string]: unknown;
}

/** Extension blob (`apitype.Extension`) whose `value` is base64, as Go encodes `[]byte`. */
export interface ExtensionV1 {
  name: string;
  version: string;
  value: string;
  [field: string]: unknown;
}

/** Deployment body of schema versions 3 and 4 (`apitype.DeploymentV3`). */
export interface DeploymentV3 {
  manifest?: ManifestV1;
  secrets_providers?: SecretsProvidersV1;
  resources?: ResourceV3[];
  pending_operations?: OperationV2[];
  metadata?: SnapshotMetadataV1;
  snippets?: SnippetV1[];
  extensions?: Record<string, ExtensionV1>;
  [field: string]: unknown;
}

/**
 * Versioned deployment as exported and imported by the CLI (`apitype.UntypedDeployment`).
 * `version` 3 means no features, and `version` 4 lists the features the reader must support.
 */
export interface UntypedDeployment {
  version?: number;
  features?: string[];
  deployment?: DeploymentV3;
  [field: string]: unknown;
}

/**
 * One journal entry (`apitype.JournalEntry`). Resource states inside are already serialised
 * by the CLI, so secret values are ciphertext.
 *
 * Indices named `…Old` are positions in the base deployment's `resources`. Values named
 * `…New` are operation IDs of an earlier Success entry of the same update.
 */
export interface JournalEntry {
  /** Entry format version, 1 in every entry the CLI sends. */
  version: number;
  kind: JournalEntryKind;
  /** Unique per update, starts at 1, and orders the entries. */
  sequenceID: number;
  /** Operation that ties a Begin entry to its Success or Failure, or 0 outside any step. */
  operationID: number;
  /** Sent as `null` when unset; the CLI always includes the key. */
  removeOld: number | null;
  /** Sent as `null` when unset; the CLI always includes the key. */
  removeNew: number | null;
  pendingReplacementOld?: number | null;
  pendingReplacementNew?: number | null;
  deleteOld?: number | null;
  deleteNew?: number | null;
  state?: ResourceV3 | null;
  operation?: OperationV2 | null;
  isRefresh?: boolean;
  secretsProvider?: SecretsProvidersV1 | null;
  snippets?: SnippetV1[] | null;
  /** Full replacement for the base deployment, sent with Write entries. */
  newSnapshot?: DeploymentV3 | null;
  extensionRef?: string | null;
  extension?: ExtensionV1 | null;
  /** Set when serialising this entry encoded strings that are not valid UTF-8. */
  requiresByteString?: boolean;
  [field: string]: unknown;
}

/** Request body of `PATCH …/journalentries` (`apitype.JournalEntries`). */
export interface JournalEntries {
  entries?: JournalEntry[];
}
