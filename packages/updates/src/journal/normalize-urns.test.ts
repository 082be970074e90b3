import { describe, expect, test } from "bun:test";
import { JournalReplayError } from "./errors.ts";
import { normalizeUrnReferences } from "./normalize-urns.ts";
import { unknownProviderId } from "./provider-reference.ts";
import { resourceOf, urnOf } from "./test-fixtures.ts";
import type { ResourceV3, SnippetV1 } from "./types.ts";

const oldProviderUrn = urnOf("pulumi:providers:aws", "old-provider");
const newProviderUrn = urnOf("pulumi:providers:aws", "provider");
const oldBucketUrn = urnOf("aws:s3/bucket:Bucket", "old-assets");
const newBucketUrn = urnOf("aws:s3/bucket:Bucket", "assets");

function copies(resources: ResourceV3[]): ResourceV3[] {
  return resources.map((resource) => ({ ...resource }));
}

describe("normalizeUrnReferences", () => {
  test("rewrites references through aliases", () => {
    const resources = copies([
      resourceOf("pulumi:providers:aws", "provider", { id: "p-1", aliases: [oldProviderUrn] }),
      resourceOf("aws:s3/bucket:Bucket", "assets", { aliases: [oldBucketUrn, oldBucketUrn], provider: `${oldProviderUrn}::p-1` }),
      resourceOf("aws:sqs/queue:Queue", "jobs", {
        provider: `${oldProviderUrn}::p-1`,
        dependencies: [oldBucketUrn, newProviderUrn],
        propertyDependencies: { policy: [oldBucketUrn] },
        deletedWith: oldBucketUrn,
        viewOf: oldBucketUrn,
        replaceWith: [oldBucketUrn],
      }),
    ]);
    const snippets: SnippetV1[] = [
      { uuid: "u1", name: "s", type: "t:index:T", code: "", descriptor: {}, references: { bucket: oldBucketUrn } },
    ];

    const rewrittenSnippets = normalizeUrnReferences(resources, snippets);

    const [providerResource, bucket, queue] = resources;
    expect(providerResource?.aliases).toBeUndefined();
    expect(bucket?.aliases).toBeUndefined();
    expect(bucket?.provider).toBe(`${newProviderUrn}::p-1`);
    expect(queue?.provider).toBe(`${newProviderUrn}::p-1`);
    expect(queue?.dependencies).toStrictEqual([newBucketUrn, newProviderUrn]);
    expect(queue?.propertyDependencies).toStrictEqual({ policy: [newBucketUrn] });
    expect(queue?.deletedWith).toBe(newBucketUrn);
    expect(queue?.viewOf).toBe(newBucketUrn);
    // The CLI does not rewrite replaceWith.
    expect(queue?.replaceWith).toStrictEqual([oldBucketUrn]);
    expect(rewrittenSnippets?.[0]?.references).toStrictEqual({ bucket: newBucketUrn });
    expect(snippets[0]?.references).toStrictEqual({ bucket: oldBucketUrn });
  });

  test("re-derives children of an aliased parent", () => {
    const oldParentUrn = urnOf("test:index:Old", "parent");
    const newParentUrn = urnOf("test:index:Component", "parent");
    const childUrn = urnOf("test:index:Child", "child", "test:index:Old");
    const movedChildUrn = urnOf("test:index:Child", "child", "test:index:Component");
    const resources = copies([
      resourceOf("test:index:Component", "parent", { custom: false, aliases: [oldParentUrn] }),
      { urn: childUrn, custom: true, type: "test:index:Child", parent: oldParentUrn },
      resourceOf("test:index:Other", "other", { dependencies: [childUrn] }),
    ]);

    normalizeUrnReferences(resources, undefined);

    expect(resources[1]?.urn).toBe(movedChildUrn);
    expect(resources[1]?.parent).toBe(newParentUrn);
    expect(resources[2]?.dependencies).toStrictEqual([movedChildUrn]);
  });

  test("keeps children of an aliased root stack", () => {
    const oldRootUrn = urnOf("pulumi:pulumi:Stack", "shop-old");
    const childUrn = urnOf("test:index:Child", "child");
    const resources = copies([
      resourceOf("pulumi:pulumi:Stack", "shop-dev", { custom: false, aliases: [oldRootUrn] }),
      { urn: childUrn, custom: true, type: "test:index:Child", parent: oldRootUrn },
    ]);

    normalizeUrnReferences(resources, undefined);

    expect(resources[1]?.urn).toBe(childUrn);
    expect(resources[1]?.parent).toBe(urnOf("pulumi:pulumi:Stack", "shop-dev"));
  });

  test("fills an empty provider ID", () => {
    const resources = copies([resourceOf("test:index:Thing", "t", { provider: `${newProviderUrn}::` })]);

    normalizeUrnReferences(resources, undefined);

    expect(resources[0]?.provider).toBe(`${newProviderUrn}::${unknownProviderId}`);
  });

  test("rejects an alias claimed twice", () => {
    const resources = copies([
      resourceOf("test:index:Thing", "one", { aliases: [oldBucketUrn] }),
      resourceOf("test:index:Thing", "two", { aliases: [oldBucketUrn] }),
    ]);

    expect(() => normalizeUrnReferences(resources, undefined)).toThrow(JournalReplayError);
  });

  test.each(["no-separator", "urn:pulumi:dev::shop::test:index:Thing::t::id", "::id"])(
    "rejects provider reference %p",
    (provider) => {
      const resources = copies([resourceOf("test:index:Thing", "t", { provider })]);

      expect(() => normalizeUrnReferences(resources, undefined)).toThrow(JournalReplayError);
    },
  );
});
