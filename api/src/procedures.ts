import { requireRole } from "@procella/auth";
import type { StackRef } from "@procella/stacks";
import type { Role } from "@procella/types";

import { type StackRefInput, stackRefInput } from "./inputs.ts";
import { authedProcedure } from "./trpc.ts";

export function toStackRef(input: StackRefInput): StackRef {
  return { orgName: input.org, projectName: input.project, stackName: input.stack };
}

/**
 * Procedures on one stack (`{org, project, stack}` input) for callers with at
 * least `required` in the stack's organization. Like /api, a caller outside
 * the organization gets not found, so other organizations stay invisible.
 * Sets `ctx.stack` and the caller's `ctx.role`.
 */
export function stackProcedure(required: Role) {
  return authedProcedure.input(stackRefInput).use(async function loadStack({ ctx, input, next }) {
    const role = requireRole(ctx.caller, input.org, required);
    const stack = await ctx.services.stacks.getStack(toStackRef(input));
    return next({ ctx: { stack, role } });
  });
}
