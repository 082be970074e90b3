import { z } from "zod";

import { requireRole } from "@procella/auth";

import { orgName, projectName, versionInput } from "../inputs.ts";
import { stackProcedure } from "../procedures.ts";
import { authedProcedure, router } from "../trpc.ts";
import { parseState, stackOutputs } from "../views/deployment.ts";
import { stackPermissions, toStackSummaryView } from "../views/stack.ts";
import { toUpdateView } from "../views/update.ts";

const listInput = z.object({
  /** Case-insensitive part of the stack or project name. */
  search: z.string().trim().max(100).optional(),
  organization: orgName.optional(),
  project: projectName.optional(),
  tagName: z.string().min(1).max(40).optional(),
  tagValue: z.string().max(256).optional(),
  cursor: z.string().max(1000).optional(),
  pageSize: z.int().min(1).max(100).default(50),
});

const tagsInput = z.object({
  tags: z.record(z.string(), z.string()).refine((tags) => Object.keys(tags).length <= 100, {
    error: "a stack may have at most 100 tags",
  }),
});

export const stacksRouter = router({
  /** Stacks of the caller's organizations, ordered by organization, project and name, in keyset pages. */
  list: authedProcedure.input(listInput).query(async ({ ctx, input }) => {
    if (input.organization !== undefined) {
      requireRole(ctx.caller, input.organization, "viewer");
    }
    const { stacks, updates } = ctx.services;
    const page = await stacks.listStacks({
      visibleOrgs: ctx.caller.memberships.map((membership) => membership.orgName),
      organization: input.organization,
      project: input.project,
      tagName: input.tagName,
      tagValue: input.tagName === undefined ? undefined : input.tagValue,
      search: input.search || undefined,
      continuationToken: input.cursor,
      pageSize: input.pageSize,
    });
    const latest = await Promise.all(page.stacks.map((stack) => updates.latestUpdate(stack)));
    return {
      stacks: page.stacks.map((stack, index) => {
        const update = latest[index];
        return toStackSummaryView(stack, update ? toUpdateView(update) : null);
      }),
      nextCursor: page.continuationToken ?? null,
    };
  }),

  /** One stack: tags, counts, latest update, stack outputs (secrets masked) and what the caller may do. */
  get: stackProcedure("viewer").query(async ({ ctx }) => {
    const { updates } = ctx.services;
    const [latest, stateText] = await Promise.all([updates.latestUpdate(ctx.stack), updates.exportDeployment(ctx.stack)]);
    const state = parseState(stateText);
    return {
      ...toStackSummaryView(ctx.stack, latest ? toUpdateView(latest) : null),
      createdAt: ctx.stack.createdAt.toISOString(),
      createdBy: ctx.stack.createdBy,
      stateWrittenAt: state.writtenAt ?? null,
      outputs: stackOutputs(state),
      permissions: stackPermissions(ctx.role),
    };
  }),

  /** Resources of the latest state, or of `version`: URN, type, parent, provider, inputs and outputs (secrets masked). */
  resources: stackProcedure("viewer")
    .input(z.object({ version: versionInput.optional() }))
    .query(async ({ ctx, input }) => {
      const state = parseState(await ctx.services.updates.exportDeployment(ctx.stack, input.version));
      return {
        version: input.version ?? ctx.stack.version,
        resources: state.resources,
        pendingOperations: state.pendingOperations,
      };
    }),

  /** Replaces all tags, as `pulumi stack tag set/rm` does one at a time. */
  setTags: stackProcedure("member")
    .input(tagsInput)
    .mutation(async ({ ctx, input }) => {
      await ctx.services.stacks.replaceTags(ctx.stack, input.tags);
      return { tags: input.tags };
    }),

  /** Deletes the stack and its history; without `force` a stack with resources is kept, as in `pulumi stack rm`. */
  delete: stackProcedure("admin")
    .input(z.object({ force: z.boolean().default(false) }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.stacks.deleteStack(ctx.stack, { force: input.force });
      return { deleted: true };
    }),
});
