/**
 * Replays the journals of three consecutive updates of one stack, each onto the result of
 * the previous one, and compares every result with a deployment derived by hand from the
 * replay rules of the CLI's reference replayer.
 */
import { describe, expect, test } from "bun:test";
import { replayJournal } from "./replay.ts";
import { deepFreeze, entryOf, expectedManifest, replayOptions, resourceOf, urnOf } from "./test-fixtures.ts";
import { JournalEntryKind, type JournalEntry, type SecretsProvidersV1, type UntypedDeployment } from "./types.ts";

const { Begin, Success, Failure, RefreshSuccess, Outputs, SecretsManager, RebuiltBaseState } = JournalEntryKind;

const secretsProvider: SecretsProvidersV1 = {
  type: "service",
  state: { url: "http://127.0.0.1:9090", owner: "acme", project: "shop", stack: "dev" },
};

const bucketType = "aws:s3/bucket:Bucket";
const rootUrn = urnOf("pulumi:pulumi:Stack", "shop-dev");
const providerUrn = urnOf("pulumi:providers:aws", "default_6_0_0");
const bucketUrn = urnOf(bucketType, "assets");
const providerRef = `${providerUrn}::prov-1`;

const root = resourceOf("pulumi:pulumi:Stack", "shop-dev", { custom: false });
const rootWithOutputs = { ...root, outputs: { bucketName: "assets-1" } };
const rootWithNewOutputs = { ...root, outputs: { bucketName: "assets-2" } };
const provider = resourceOf("pulumi:providers:aws", "default_6_0_0", {
  id: "prov-1",
  parent: rootUrn,
  inputs: { region: "eu-west-1" },
});
const bucket = resourceOf(bucketType, "assets", {
  id: "assets-1",
  parent: rootUrn,
  provider: providerRef,
  inputs: { acl: "private" },
  outputs: { arn: "arn:aws:s3:::assets-1" },
  // A field this code does not know must survive every replay.
  futureField: { kept: true },
});
const replacementBucket = { ...bucket, id: "assets-2", outputs: { arn: "arn:aws:s3:::assets-2" } };
const queue = resourceOf("aws:sqs/queue:Queue", "jobs", {
  id: "jobs-1",
  parent: rootUrn,
  provider: providerRef,
  dependencies: [bucketUrn],
  propertyDependencies: { policy: [bucketUrn], name: [] },
  deletedWith: bucketUrn,
});
const failedQueueUpdate = { ...queue, inputs: { delaySeconds: 5 } };
const bucketObject = resourceOf(
  "aws:s3/bucketObject:BucketObject",
  "index",
  { id: "index.html", parent: bucketUrn, provider: providerRef, dependencies: [bucketUrn] },
  bucketType,
);
const refreshedBucketObject = { ...bucketObject, outputs: { etag: "abc" } };
const legacyTopic = resourceOf("aws:sns/topic:Topic", "legacy", { id: "legacy-1", parent: rootUrn, provider: providerRef });
const cache = resourceOf("aws:elasticache/cluster:Cluster", "cache", { parent: rootUrn, provider: providerRef });

/** First `pulumi up` on an empty stack: every resource is created, two of them concurrently. */
const createJournal: JournalEntry[] = [
  entryOf(1, SecretsManager, 0, { secretsProvider }),
  entryOf(2, Begin, 1, { operation: { type: "creating", resource: root } }),
  entryOf(3, Success, 1, { state: root }),
  entryOf(4, Begin, 2, { operation: { type: "creating", resource: provider } }),
  entryOf(5, Success, 2, { state: provider }),
  entryOf(6, Begin, 3, { operation: { type: "creating", resource: bucket } }),
  entryOf(7, Begin, 4, { operation: { type: "creating", resource: legacyTopic } }),
  entryOf(8, Success, 4, { state: legacyTopic }),
  entryOf(9, Success, 3, { state: bucket }),
  entryOf(10, Begin, 5, { operation: { type: "creating", resource: queue } }),
  entryOf(11, Success, 5, { state: queue }),
  entryOf(12, Begin, 6, { operation: { type: "creating", resource: bucketObject } }),
  entryOf(13, Success, 6, { state: bucketObject }),
  entryOf(14, Outputs, 7, { removeNew: 1, state: rootWithOutputs }),
];

const afterCreate: UntypedDeployment = {
  version: 3,
  deployment: {
    manifest: expectedManifest,
    secrets_providers: secretsProvider,
    metadata: {},
    resources: [rootWithOutputs, provider, legacyTopic, bucket, queue, bucketObject],
  },
};

/**
 * Second `pulumi up`: the bucket is replaced (create before delete), an update of the queue
 * fails, the topic is deleted, the stack outputs change, and the CLI dies while creating the
 * cache. Base indices: 0 root, 1 provider, 2 topic, 3 bucket, 4 queue, 5 bucket object.
 */
const updateJournal: JournalEntry[] = [
  entryOf(1, SecretsManager, 0, { secretsProvider: structuredClone(secretsProvider) }),
  entryOf(2, Begin, 1),
  entryOf(3, Success, 1, { state: rootWithOutputs, removeOld: 0 }),
  entryOf(4, Begin, 2),
  entryOf(5, Success, 2, { state: provider, removeOld: 1 }),
  entryOf(6, Begin, 3, { operation: { type: "creating", resource: replacementBucket } }),
  entryOf(7, Success, 3, { state: replacementBucket, deleteOld: 3 }),
  entryOf(8, Begin, 5, { operation: { type: "updating", resource: failedQueueUpdate } }),
  entryOf(9, Failure, 5, { state: failedQueueUpdate }),
  entryOf(10, Begin, 6),
  entryOf(11, Success, 6, { state: bucketObject, removeOld: 5 }),
  entryOf(12, Begin, 7, { operation: { type: "deleting", resource: legacyTopic } }),
  entryOf(13, Success, 7, { removeOld: 2 }),
  entryOf(14, Begin, 8, { operation: { type: "deleting", resource: bucket } }),
  entryOf(15, Success, 8, { removeOld: 3 }),
  entryOf(16, Begin, 9, { operation: { type: "creating", resource: cache } }),
  entryOf(17, Outputs, 10, { removeNew: 1, state: rootWithNewOutputs }),
];

const afterUpdate: UntypedDeployment = {
  version: 3,
  deployment: {
    manifest: expectedManifest,
    secrets_providers: secretsProvider,
    metadata: {},
    // Resources written by this update come first, then untouched base resources.
    resources: [rootWithNewOutputs, provider, replacementBucket, bucketObject, queue],
    pending_operations: [{ type: "creating", resource: cache }],
  },
};

/**
 * `pulumi refresh`: the replacement bucket was deleted outside Pulumi, the bucket object's
 * outputs changed, and refreshing the queue failed. Base indices: 0 root, 1 provider,
 * 2 bucket, 3 bucket object, 4 queue.
 */
const refreshJournal: JournalEntry[] = [
  entryOf(1, SecretsManager, 0, { secretsProvider }),
  entryOf(2, Begin, 1),
  entryOf(3, RefreshSuccess, 1, { removeOld: 0, state: rootWithNewOutputs, isRefresh: true }),
  entryOf(4, Begin, 2),
  entryOf(5, RefreshSuccess, 2, { removeOld: 1, state: provider, isRefresh: true }),
  entryOf(6, Begin, 3),
  entryOf(7, RefreshSuccess, 3, { removeOld: 2, isRefresh: true }),
  entryOf(8, Begin, 4),
  entryOf(9, RefreshSuccess, 4, { removeOld: 3, state: refreshedBucketObject, isRefresh: true }),
  entryOf(10, Begin, 5),
  entryOf(11, Failure, 5, { isRefresh: true }),
  entryOf(12, RebuiltBaseState, 0),
];

/** References to the vanished bucket are pruned, including the object's parent and the empty property key. */
const { parent: _bucketParent, dependencies: _objectDependencies, ...orphanedBucketObject } = refreshedBucketObject;
const { dependencies: _queueDependencies, propertyDependencies: _queuePropertyDependencies, deletedWith: _queueDeletedWith, ...prunedQueue } = queue;

const afterRefresh: UntypedDeployment = {
  version: 3,
  deployment: {
    manifest: expectedManifest,
    secrets_providers: secretsProvider,
    metadata: {},
    resources: [rootWithNewOutputs, provider, orphanedBucketObject, prunedQueue],
    pending_operations: [{ type: "creating", resource: cache }],
  },
};

describe("replayJournal on consecutive updates", () => {
  const stages = [
    { name: "create on an empty stack", base: undefined, journal: createJournal, expected: afterCreate },
    { name: "replace, failure, delete, crash", base: afterCreate, journal: updateJournal, expected: afterUpdate },
    { name: "refresh after an out-of-band delete", base: afterUpdate, journal: refreshJournal, expected: afterRefresh },
  ];

  test.each(stages)("$name", ({ base, journal, expected }) => {
    const frozenBase = deepFreeze(structuredClone(base));
    const frozenJournal = deepFreeze(structuredClone(journal));

    const result = replayJournal(frozenBase, frozenJournal, replayOptions);

    expect(result).toStrictEqual(expected);
  });

  test("stages chain through their own results", () => {
    const first = replayJournal(undefined, createJournal, replayOptions);
    const second = replayJournal(first, updateJournal, replayOptions);
    const third = replayJournal(second, refreshJournal, replayOptions);

    expect(third).toStrictEqual(afterRefresh);
  });

  test("result survives a JSON round trip", () => {
    const result = replayJournal(afterCreate, updateJournal, replayOptions);

    expect(JSON.parse(JSON.stringify(result))).toStrictEqual(afterUpdate);
  });
});
