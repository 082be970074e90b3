import { describe, expect, test } from "bun:test";

import { isSecretValue, maskedSecret, secretSignatureKey, secretSignatureValue } from "../display.ts";
import { parseState, stackOutputs } from "./deployment.ts";
import { stripColors, toEventView } from "./events.ts";
import { maskSecrets } from "./mask-secrets.ts";
import { parseProviderReference, parseUrn } from "./urn.ts";

const secret = { [secretSignatureKey]: secretSignatureValue, ciphertext: "c2VjcmV0" };

describe("maskSecrets", () => {
  test("replaces nested secrets with the bare signature", () => {
    const masked = maskSecrets({ a: [1, secret], b: { c: secret, d: "plain" } });
    expect(masked).toEqual({ a: [1, maskedSecret], b: { c: maskedSecret, d: "plain" } });
    expect(JSON.stringify(masked)).not.toContain("c2VjcmV0");
  });

  test("plaintext secrets are masked too", () => {
    expect(maskSecrets({ [secretSignatureKey]: secretSignatureValue, plaintext: '"hunter2"' })).toEqual(maskedSecret);
  });

  test("deep nesting is cut off", () => {
    let deep: unknown = "leaf";
    for (let index = 0; index < 200; index++) {
      deep = [deep];
    }
    expect(JSON.stringify(maskSecrets(deep))).toContain("nested too deeply");
  });

  test("non-finite numbers become null", () => {
    expect(maskSecrets(Number.NaN)).toBeNull();
  });
});

describe("isSecretValue", () => {
  test.each([
    ["ciphertext secret", secret, true],
    ["masked secret", maskedSecret, true],
    ["wrong signature value", { [secretSignatureKey]: "other" }, false],
    ["the CLI's display text", "[secret]", false],
    ["null", null, false],
  ])("%s", (_label, value, expected) => {
    expect(isSecretValue(value)).toBe(expected);
  });
});

describe("parseUrn", () => {
  test("nested type and a name with separators", () => {
    expect(parseUrn("urn:pulumi:dev::web::pulumi:pulumi:Stack$random:index/randomPet:RandomPet::a::b")).toEqual({
      stack: "dev",
      project: "web",
      type: "random:index/randomPet:RandomPet",
      name: "a::b",
    });
  });

  test.each(["", "urn:pulumi:dev::web", "not-a-urn::a::b::c"])("rejects %p", (text) => {
    expect(parseUrn(text)).toBeUndefined();
  });

  test("provider reference splits at the last separator", () => {
    expect(parseProviderReference("urn:pulumi:dev::web::pulumi:providers:random::default::id-1")).toEqual({
      urn: "urn:pulumi:dev::web::pulumi:providers:random::default",
      id: "id-1",
    });
    expect(parseProviderReference("no-separator")).toBeUndefined();
  });
});

describe("parseState", () => {
  const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

  test("empty deployment of a new stack", () => {
    const state = parseState(encode({ version: 3, deployment: { manifest: { time: "0001-01-01T00:00:00Z" } } }));
    expect(state.resources).toEqual([]);
    expect(state.writtenAt).toBeUndefined();
  });

  test("stack outputs come from the root stack resource", () => {
    const state = parseState(
      encode({
        version: 3,
        deployment: {
          resources: [
            { urn: "urn:pulumi:dev::web::pulumi:pulumi:Stack::web-dev", type: "pulumi:pulumi:Stack", outputs: { pw: secret } },
          ],
          pending_operations: [
            { type: "creating", resource: { urn: "urn:pulumi:dev::web::a:b:C::x", type: "a:b:C" } },
          ],
        },
      }),
    );
    expect(stackOutputs(state)).toEqual({ pw: maskedSecret });
    expect(state.pendingOperations).toEqual([{ type: "creating", urn: "urn:pulumi:dev::web::a:b:C::x" }]);
  });

  test("invalid documents are rejected", () => {
    expect(() => parseState(new TextEncoder().encode("{"))).toThrow("not valid JSON");
    expect(() => parseState(encode({ deployment: { resources: [{ urn: 1 }] } }))).toThrow("shape of a Pulumi deployment");
  });
});

describe("toEventView", () => {
  test("strips colour directives and ANSI escapes", () => {
    expect(stripColors("<{%fg 1%}>red\u001b[31m!\u001b[0m<{%reset%}>")).toBe("red!");
  });

  test("resource step keeps parent and masks outputs", () => {
    const view = toEventView({
      sequence: 7,
      timestamp: 100,
      resOutputsEvent: {
        metadata: {
          op: "update",
          urn: "urn:pulumi:dev::web::a:b:C::thing",
          type: "a:b:C",
          diffs: ["size"],
          new: { parent: "urn:pulumi:dev::web::pulumi:pulumi:Stack::web-dev", outputs: { key: secret } },
        },
      },
    });
    expect(view).toMatchObject({ type: "resOutputs", sequence: 7, step: { name: "thing", op: "update", diffs: ["size"] } });
    expect(view.type).toBe("resOutputs");
    if (view.type === "resOutputs") {
      expect(view.step.outputs).toEqual({ key: maskedSecret });
    }
  });

  test("unknown payloads are named", () => {
    expect(toEventView({ sequence: 1, timestamp: 1, progressEvent: {} })).toMatchObject({ type: "other", name: "progressEvent" });
  });
});
