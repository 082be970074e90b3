import { describe, expect, test } from "bun:test";
import { InvalidJsonError } from "./errors.ts";
import { extractRawJsonField, maxJsonNestingDepth } from "./raw-json-field.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function extract(body: string, field = "untypedDeployment"): string | undefined {
  const raw = extractRawJsonField(encoder.encode(body), field);
  return raw === undefined ? undefined : decoder.decode(raw);
}

const deployment = '{"version":3,"deployment":{"manifest":{"time":"0001-01-01T00:00:00Z","magic":"","version":""}}}';

describe("extractRawJsonField", () => {
  test.each([
    { name: "CLI field order", body: `{"version":3,"untypedDeployment":${deployment},"sequenceNumber":1}` },
    { name: "field first", body: `{"untypedDeployment":${deployment},"version":3,"sequenceNumber":1}` },
    { name: "field last", body: `{"version":3,"sequenceNumber":1,"untypedDeployment":${deployment}}` },
    { name: "whitespace around tokens", body: ` \n{ "version" : 3 ,\r\n\t"untypedDeployment" :\n ${deployment} \n, "sequenceNumber": 1 }\n` },
    { name: "escaped key", body: `{"version":3,"untyped\\u0044eployment":${deployment}}` },
  ])("returns the value bytes with $name", ({ body }) => {
    expect(extract(body)).toBe(deployment);
  });

  test("keeps inner whitespace and spelling", () => {
    const value = '{ "b" : 1.50e+2 , "a" : [ true , null ] , "s" : "\\u00e9\\/" }';

    expect(extract(`{"untypedDeployment":${value}}`)).toBe(value);
  });

  test("keeps non-ASCII bytes", () => {
    const value = '{"name":"café ☕"}';

    expect(extract(`{"untypedDeployment":${value}}`)).toBe(value);
  });

  test("ignores the key at deeper levels", () => {
    expect(extract(`{"other":{"untypedDeployment":1},"list":[{"untypedDeployment":2}]}`)).toBeUndefined();
  });

  test("ignores the key inside string values", () => {
    expect(extract(`{"note":"\\"untypedDeployment\\":{}"}`)).toBeUndefined();
  });

  test("returns scalar values too", () => {
    expect(extract(`{"version":  -12.5e-3 ,"x":0}`, "version")).toBe("-12.5e-3");
    expect(extract(`{"untypedDeployment":null}`)).toBe("null");
  });

  test("matches keys case-sensitively", () => {
    expect(extract(`{"UntypedDeployment":${deployment}}`)).toBeUndefined();
  });

  test("returns undefined for an empty object", () => {
    expect(extract("{}")).toBeUndefined();
  });

  test("returns a view into the body", () => {
    const body = encoder.encode(`{"untypedDeployment":{}}`);

    const raw = extractRawJsonField(body, "untypedDeployment");

    expect(raw?.buffer).toBe(body.buffer);
    expect(raw?.byteOffset).toBe(21);
  });

  test("accepts the maximum nesting depth", () => {
    const inner = "[".repeat(maxJsonNestingDepth - 1) + "]".repeat(maxJsonNestingDepth - 1);

    expect(extract(`{"untypedDeployment":${inner}}`)?.length).toBe(inner.length);
  });
});

describe("extractRawJsonField rejects", () => {
  const tooDeep = "[".repeat(maxJsonNestingDepth) + "]".repeat(maxJsonNestingDepth);

  test.each([
    { name: "an empty body", body: "" },
    { name: "a top-level array", body: "[]" },
    { name: "a duplicated field", body: `{"untypedDeployment":{},"untypedDeployment":{}}` },
    { name: "a duplicated field under an escaped key", body: `{"untypedDeployment":{},"\\u0075ntypedDeployment":{}}` },
    { name: "trailing data", body: `{"a":1} x` },
    { name: "two objects", body: `{"a":1}{"b":2}` },
    { name: "a trailing comma", body: `{"a":1,}` },
    { name: "a nested trailing comma", body: `{"a":[1,]}` },
    { name: "a missing colon", body: `{"a" 1}` },
    { name: "an unquoted key", body: `{a:1}` },
    { name: "a single-quoted string", body: `{"a":'x'}` },
    { name: "an unterminated string", body: `{"a":"x}` },
    { name: "a raw newline in a string", body: `{"a":"x\ny"}` },
    { name: "a bad escape", body: `{"a":"\\x"}` },
    { name: "a short unicode escape", body: `{"a":"\\u12"}` },
    { name: "a leading zero", body: `{"a":01}` },
    { name: "a bare minus", body: `{"a":-}` },
    { name: "a dangling decimal point", body: `{"a":1.}` },
    { name: "an empty exponent", body: `{"a":1e}` },
    { name: "a misspelled literal", body: `{"a":tru}` },
    { name: "a mismatched bracket", body: `{"a":[1}` },
    { name: "an unclosed object", body: `{"a":{"b":1}` },
    { name: "a byte order mark", body: `\uFEFF{"a":1}` },
    { name: "nesting past the limit", body: `{"untypedDeployment":${tooDeep}}` },
  ])("$name", ({ body }) => {
    expect(() => extract(body)).toThrow(InvalidJsonError);
  });

  test("error carries the byte offset", () => {
    try {
      extract(`{"a":1,"b":x}`);
      throw new Error("extractRawJsonField accepted an invalid value");
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidJsonError);
      expect((error as InvalidJsonError).offset).toBe(11);
      expect((error as InvalidJsonError).status).toBe(400);
    }
  });
});

describe("extractRawJsonField agrees with JSON.parse", () => {
  /** Deterministic linear congruential generator, so a failing case can be reproduced. */
  function randomSource(seed: number): (limit: number) => number {
    let state = seed;
    return (limit) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % limit;
    };
  }

  const seeds = [
    `{"version":3,"untypedDeployment":{"a":[1,2.5,-3e2,"x\\"y"],"b":{"c":null,"d":true}},"sequenceNumber":7}`,
    `{"untypedDeployment":[{"u":"\\u00e9"},[],{}],"n":false}`,
    `{ "k" : [ 0 , 1e-5 ] , "untypedDeployment" : "s" }`,
  ];
  const alphabet = ` {}[]":,\\-+.0123456789eEtrufalsn\n`;

  test("on 3000 mutated bodies", () => {
    const random = randomSource(20260102);
    let compared = 0;
    for (let i = 0; i < 3000; i++) {
      const seed = seeds[i % seeds.length] ?? "{}";
      const position = random(seed.length);
      const replacement = alphabet[random(alphabet.length)] ?? "";
      const mode = random(3);
      const body =
        mode === 0
          ? seed.slice(0, position) + seed.slice(position + 1)
          : mode === 1
            ? seed.slice(0, position) + replacement + seed.slice(position)
            : seed.slice(0, position) + replacement + seed.slice(position + 1);

      let parsed: unknown;
      let parseAccepts = true;
      try {
        parsed = JSON.parse(body);
      } catch {
        parseAccepts = false;
      }
      const isObject = typeof parsed === "object" && parsed !== null && !Array.isArray(parsed);
      const bodyStartsWithObject = body.trimStart().startsWith("{");
      let scannerAccepts = true;
      let raw: string | undefined;
      try {
        raw = extract(body);
      } catch (error) {
        if (!(error instanceof InvalidJsonError)) {
          throw error;
        }
        scannerAccepts = false;
      }

      if (!bodyStartsWithObject || (parseAccepts && !isObject)) {
        expect({ body, scannerAccepts }).toStrictEqual({ body, scannerAccepts: false });
        continue;
      }
      // JSON.parse lets a later duplicate win; the scanner rejects a duplicated target key.
      const duplicated = body.split('"untypedDeployment"').length > 2;
      if (duplicated) {
        continue;
      }
      expect({ body, scannerAccepts }).toStrictEqual({ body, scannerAccepts: parseAccepts });
      if (parseAccepts && isObject) {
        const expected = (parsed as Record<string, unknown>).untypedDeployment; // narrowed by isObject
        expect({ body, value: raw === undefined ? undefined : JSON.parse(raw) }).toStrictEqual({ body, value: expected });
        compared++;
      }
    }
    // Guard against a generator that only produces invalid bodies.
    expect(compared).toBeGreaterThan(100);
  });
});
