import { expect } from "bun:test";

import type { PageProblems } from "./browser.ts";

/** A resource name and an output that would run script if the dashboard rendered them as HTML. */
export const hostileName = "<img src=x onerror=alert(1)>";
export const hostileOutput = "<script>alert('output')</script><b>bold</b>";

/** Set with `pulumi config set --secret apiKey`; it must never reach a page. */
export const secretApiKey = `hunter2-${crypto.randomUUID()}`;

/**
 * The main program: a string, a pet with a hostile name, a short sleep,
 * plain, nested and hostile outputs, and a secret output from secret config.
 */
export const webProgram = `
config:
  apiKey:
    type: string
    secret: true
resources:
  word:
    type: random:index/randomString:RandomString
    properties: { length: 12, special: false }
  "${hostileName}":
    type: random:index/randomPet:RandomPet
    properties: { length: 2 }
  nap:
    type: random:index/sleep:Sleep
    properties: { createSeconds: 1 }
outputs:
  word: \${word.result}
  html: "${hostileOutput}"
  apiKey: \${apiKey}
  nested:
    list: [1, 2, { deep: true }]
`;

/**
 * Three sleeps that run one after another, so an update takes about 15 s
 * and its steps finish one by one while it runs.
 */
export const slowProgram = `
resources:
  first:
    type: random:index/sleep:Sleep
    properties: { createSeconds: 5 }
  second:
    type: random:index/sleep:Sleep
    properties: { createSeconds: 5 }
    options: { dependsOn: ["\${first}"] }
  third:
    type: random:index/sleep:Sleep
    properties: { createSeconds: 5 }
    options: { dependsOn: ["\${second}"] }
`;

/** Fails the test with every console error, page error or dialog the page produced. */
export function expectNoProblems(problems: PageProblems): void {
  expect(problems.messages).toEqual([]);
}
