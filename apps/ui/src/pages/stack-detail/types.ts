import type { inferRouterOutputs } from "@trpc/server";

import type { AppRouter } from "@procella/api";

export type RouterOutputs = inferRouterOutputs<AppRouter>;
/** Result of `stacks.get`: the stack with outputs, permissions and its latest update. */
export type StackDetail = RouterOutputs["stacks"]["get"];

export interface StackAddress {
  org: string;
  project: string;
  stack: string;
}
