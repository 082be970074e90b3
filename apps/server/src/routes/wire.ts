import type { StackRecord } from "@procella/stacks";

const unixSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);

/** Pulumi's `apitype.Stack`, as `GET /api/stacks/{org}/{project}/{stack}` returns it. */
export function toWireStack(stack: StackRecord) {
  const operation = stack.activeOperation;
  return {
    id: stack.id,
    orgName: stack.orgName,
    projectName: stack.projectName,
    stackName: stack.stackName,
    currentOperation: operation
      ? { kind: operation.kind, author: operation.requestedBy, started: unixSeconds(operation.startedAt) }
      : undefined,
    activeUpdate: operation?.updateId ?? "",
    tags: stack.tags,
    version: stack.version,
  };
}

/**
 * Pulumi's `apitype.StackSummary`. `lastUpdate` 0 tells the CLI an update is
 * in progress; it is omitted for a stack that was never updated.
 */
export function toWireStackSummary(stack: StackRecord) {
  let lastUpdate: number | undefined;
  if (stack.activeOperation) {
    lastUpdate = 0;
  } else if (stack.lastUpdateAt) {
    lastUpdate = unixSeconds(stack.lastUpdateAt);
  }
  return {
    id: stack.id,
    orgName: stack.orgName,
    projectName: stack.projectName,
    stackName: stack.stackName,
    lastUpdate,
    resourceCount: stack.resourceCount,
  };
}
