import { BadRequestError } from "@procella/types";

import type { StackRef } from "./stacks-service.ts";

type StackKey = [orgName: string, projectName: string, stackName: string];

/** Encodes the last listed stack as an opaque, URL-safe keyset token (no `/`, which the CLI would path-clean). */
export function encodeContinuationToken(last: StackRef): string {
  const key: StackKey = [last.orgName, last.projectName, last.stackName];
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

export function decodeContinuationToken(token: string): StackKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || !parsed.every((part) => typeof part === "string")) {
    throw new BadRequestError("Invalid continuationToken: pass back the token from the previous page unchanged.");
  }
  return parsed as StackKey;
}
