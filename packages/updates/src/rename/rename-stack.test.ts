import { describe, expect, test } from "bun:test";
import { unknownProviderId } from "../journal/provider-reference.ts";
import { deepFreeze } from "../journal/test-fixtures.ts";
import type { ResourceV3, UntypedDeployment } from "../journal/types.ts";
import { renameStackInDeployment, StackRenameError } from "./rename-stack.ts";
import { createUrnRenamer } from "./urn-renamer.ts";

const from = { project: "shop", stack: "dev" };
const to = { project: "store", stack: "staging" };

const oldUrn = (type: string, name: string): string => `urn:pulumi:dev::shop::${type}::${name}`;
const newUrn = (type: string, name: string): string => `urn:pulumi:staging::store::${type}::${name}`;

const refSig = { "4dabf18193072939515e22adb298388d": "5cf8f73096256a8f31e491e813e4eb8e" };
const secretSig = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };
const outputSig = { "4dabf18193072939515e22adb298388d": "d0e6a833031e9bbcd3f4e8bde6ca49a4" };

describe("createUrnRenamer", () => {
  const rename = createUrnRenamer(from, to);

  test.each([
    { name: "resource", urn: oldUrn("aws:s3/bucket:Bucket", "b"), expected: newUrn("aws:s3/bucket:Bucket", "b") },
    {
      name: "nested child",
      urn: oldUrn("my:index:Comp$aws:s3/bucket:Bucket", "b::x"),
      expected: newUrn("my:index:Comp$aws:s3/bucket:Bucket", "b::x"),
    },
    { name: "root stack", urn: oldUrn("pulumi:pulumi:Stack", "shop-dev"), expected: newUrn("pulumi:pulumi:Stack", "store-staging") },
    { name: "other stack", urn: "urn:pulumi:prod::shop::t:index:T::n", expected: "urn:pulumi:prod::shop::t:index:T::n" },
    { name: "other project", urn: "urn:pulumi:dev::other::t:index:T::n", expected: "urn:pulumi:dev::other::t:index:T::n" },
    { name: "not a URN", urn: "dev::shop::t::n", expected: "dev::shop::t::n" },
    { name: "empty", urn: "", expected: "" },
  ])("$name", ({ urn, expected }) => {
    expect(rename(urn)).toBe(expected);
  });

  test("empty target project keeps the project", () => {
    const renameStackOnly = createUrnRenamer(from, { project: "", stack: "staging" });

    expect(renameStackOnly(oldUrn("pulumi:pulumi:Stack", "shop-dev"))).toBe(
      "urn:pulumi:staging::shop::pulumi:pulumi:Stack::shop-staging",
    );
  });

  test("empty source project matches any project", () => {
    const renameAnyProject = createUrnRenamer({ project: "", stack: "dev" }, { project: "", stack: "qa" });

    expect(renameAnyProject("urn:pulumi:dev::other::t:index:T::n")).toBe("urn:pulumi:qa::other::t:index:T::n");
  });
});

describe("renameStackInDeployment", () => {
  const rootUrn = oldUrn("pulumi:pulumi:Stack", "shop-dev");
  const providerUrn = oldUrn("pulumi:providers:aws", "default");
  const bucketUrn = oldUrn("aws:s3/bucket:Bucket", "assets");
  const componentUrn = oldUrn("my:index:Site", "site");
  const childUrn = oldUrn("my:index:Site$aws:s3/bucketObject:BucketObject", "index");
  const foreignUrn = "urn:pulumi:prod::shop::aws:s3/bucket:Bucket::shared";
  const foreignProvider = "urn:pulumi:dev::other::pulumi:providers:aws::default::";

  const child: ResourceV3 = {
    urn: childUrn,
    custom: true,
    type: "aws:s3/bucketObject:BucketObject",
    id: "index.html",
    parent: componentUrn,
    provider: `${providerUrn}::prov-1`,
    dependencies: [bucketUrn, foreignUrn],
    propertyDependencies: { bucket: [bucketUrn], other: [foreignUrn] },
    deletedWith: componentUrn,
    replaceWith: [bucketUrn],
    aliases: [oldUrn("aws:s3/bucketObject:BucketObject", "index")],
    viewOf: bucketUrn,
    inputs: {
      bucket: { ...refSig, urn: bucketUrn, id: "assets-1" },
      nested: [{ deep: { ...refSig, urn: foreignUrn } }, bucketUrn],
      secret: { ...secretSig, plaintext: JSON.stringify({ ...refSig, urn: bucketUrn }) },
      encrypted: { ...secretSig, ciphertext: "djE6abc=" },
      notJson: { ...secretSig, plaintext: "not-json" },
    },
    outputs: { site: { ...outputSig, value: { ...refSig, urn: componentUrn }, dependencies: [componentUrn, foreignUrn] } },
    replacementTrigger: { ...refSig, urn: bucketUrn },
    futureField: { untouched: bucketUrn },
  };

  const deployment: UntypedDeployment = {
    version: 4,
    features: ["views"],
    deployment: {
      manifest: { time: "2026-01-02T03:04:05Z", magic: "", version: "v3.276.0" },
      secrets_providers: {
        type: "service",
        state: { url: "http://127.0.0.1:9090", owner: "acme", project: "shop", stack: "dev" },
      },
      metadata: {},
      resources: [
        { urn: rootUrn, custom: false, type: "pulumi:pulumi:Stack" },
        { urn: providerUrn, custom: true, type: "pulumi:providers:aws", id: "prov-1", parent: rootUrn },
        { urn: componentUrn, custom: false, type: "my:index:Site", parent: rootUrn, provider: foreignProvider },
        child,
      ],
      pending_operations: [{ type: "creating", resource: { urn: bucketUrn, custom: true, type: "aws:s3/bucket:Bucket", parent: rootUrn } }],
      snippets: [{ uuid: "u1", name: "s", type: "t", code: "", descriptor: {}, references: { b: bucketUrn } }],
    },
  };

  const expectedChild: ResourceV3 = {
    urn: newUrn("my:index:Site$aws:s3/bucketObject:BucketObject", "index"),
    custom: true,
    type: "aws:s3/bucketObject:BucketObject",
    id: "index.html",
    parent: newUrn("my:index:Site", "site"),
    provider: `${newUrn("pulumi:providers:aws", "default")}::prov-1`,
    dependencies: [newUrn("aws:s3/bucket:Bucket", "assets"), foreignUrn],
    propertyDependencies: { bucket: [newUrn("aws:s3/bucket:Bucket", "assets")], other: [foreignUrn] },
    deletedWith: newUrn("my:index:Site", "site"),
    replaceWith: [newUrn("aws:s3/bucket:Bucket", "assets")],
    aliases: [newUrn("aws:s3/bucketObject:BucketObject", "index")],
    viewOf: newUrn("aws:s3/bucket:Bucket", "assets"),
    inputs: {
      bucket: { ...refSig, urn: newUrn("aws:s3/bucket:Bucket", "assets"), id: "assets-1" },
      // A plain string is not a reference, so it keeps the old URN.
      nested: [{ deep: { ...refSig, urn: foreignUrn } }, bucketUrn],
      secret: { ...secretSig, plaintext: JSON.stringify({ ...refSig, urn: newUrn("aws:s3/bucket:Bucket", "assets") }) },
      encrypted: { ...secretSig, ciphertext: "djE6abc=" },
      notJson: { ...secretSig, plaintext: "not-json" },
    },
    outputs: {
      site: {
        ...outputSig,
        value: { ...refSig, urn: newUrn("my:index:Site", "site") },
        dependencies: [newUrn("my:index:Site", "site"), foreignUrn],
      },
    },
    replacementTrigger: { ...refSig, urn: newUrn("aws:s3/bucket:Bucket", "assets") },
    futureField: { untouched: bucketUrn },
  };

  const expected: UntypedDeployment = {
    version: 4,
    features: ["views"],
    deployment: {
      manifest: { time: "2026-01-02T03:04:05Z", magic: "", version: "v3.276.0" },
      secrets_providers: {
        type: "service",
        state: { url: "http://127.0.0.1:9090", owner: "acme", project: "store", stack: "staging" },
      },
      metadata: {},
      resources: [
        { urn: newUrn("pulumi:pulumi:Stack", "store-staging"), custom: false, type: "pulumi:pulumi:Stack" },
        {
          urn: newUrn("pulumi:providers:aws", "default"),
          custom: true,
          type: "pulumi:providers:aws",
          id: "prov-1",
          parent: newUrn("pulumi:pulumi:Stack", "store-staging"),
        },
        {
          urn: newUrn("my:index:Site", "site"),
          custom: false,
          type: "my:index:Site",
          parent: newUrn("pulumi:pulumi:Stack", "store-staging"),
          // A provider of another project keeps its text byte for byte, empty ID included.
          provider: foreignProvider,
        },
        expectedChild,
      ],
      pending_operations: [
        {
          type: "creating",
          resource: {
            urn: newUrn("aws:s3/bucket:Bucket", "assets"),
            custom: true,
            type: "aws:s3/bucket:Bucket",
            parent: newUrn("pulumi:pulumi:Stack", "store-staging"),
          },
        },
      ],
      // The CLI leaves snippet references alone.
      snippets: [{ uuid: "u1", name: "s", type: "t", code: "", descriptor: {}, references: { b: bucketUrn } }],
    },
  };

  test("rewrites every URN of the stack", () => {
    const result = renameStackInDeployment(deepFreeze(structuredClone(deployment)), from, to);

    expect(result).toStrictEqual(expected);
  });

  test("fills an empty provider ID when the URN changes", () => {
    const input: UntypedDeployment = {
      version: 3,
      deployment: { resources: [{ urn: bucketUrn, custom: true, type: "aws:s3/bucket:Bucket", provider: `${providerUrn}::` }] },
    };

    const result = renameStackInDeployment(input, from, to);

    expect(result.deployment?.resources?.[0]?.provider).toBe(`${newUrn("pulumi:providers:aws", "default")}::${unknownProviderId}`);
  });

  test.each([
    { name: "another type", provider: { type: "passphrase", state: { salt: "v1:x" } } },
    { name: "another stack", provider: { type: "service", state: { owner: "acme", project: "shop", stack: "prod" } } },
    { name: "another project", provider: { type: "service", state: { owner: "acme", project: "blog", stack: "dev" } } },
  ])("keeps secrets state of $name", ({ provider }) => {
    const result = renameStackInDeployment({ version: 3, deployment: { secrets_providers: provider } }, from, to);

    expect(result.deployment?.secrets_providers).toStrictEqual(provider);
  });

  test("rejects an invalid provider reference", () => {
    const input: UntypedDeployment = {
      version: 3,
      deployment: { resources: [{ urn: bucketUrn, custom: true, type: "t", provider: "not-a-reference" }] },
    };

    expect(() => renameStackInDeployment(input, from, to)).toThrow(StackRenameError);
    expect(() => renameStackInDeployment(input, from, to)).toThrow(bucketUrn);
  });

  test("force keeps an invalid provider reference", () => {
    const input: UntypedDeployment = {
      version: 3,
      deployment: { resources: [{ urn: bucketUrn, custom: true, type: "t", provider: "not-a-reference" }] },
    };

    const result = renameStackInDeployment(input, from, to, { force: true });

    expect(result.deployment?.resources?.[0]).toStrictEqual({
      urn: newUrn("aws:s3/bucket:Bucket", "assets"),
      custom: true,
      type: "t",
      provider: "not-a-reference",
    });
  });

  test("deployment without state is returned as is", () => {
    expect(renameStackInDeployment({ version: 3 }, from, to)).toStrictEqual({ version: 3 });
  });

  test("absent fields stay absent", () => {
    const input: UntypedDeployment = { version: 3, deployment: { resources: [{ urn: bucketUrn, custom: true, type: "t" }] } };

    const result = renameStackInDeployment(input, from, to);

    expect(result.deployment?.resources?.[0]).toStrictEqual({ urn: newUrn("aws:s3/bucket:Bucket", "assets"), custom: true, type: "t" });
  });
});
