/** Splits the tag filter text: `team` means "has the tag", `team=blue` means "has it with that value". */
export function parseTagFilter(text: string): { tagName?: string; tagValue?: string } {
  const trimmed = text.trim();
  if (trimmed === "") {
    return {};
  }
  const separator = trimmed.indexOf("=");
  if (separator < 0) {
    return { tagName: trimmed };
  }
  const tagName = trimmed.slice(0, separator).trim();
  return tagName === "" ? {} : { tagName, tagValue: trimmed.slice(separator + 1).trim() };
}

/** Groups stacks under their organization and project, keeping the server's order. */
export function groupByProject<T extends { org: string; project: string }>(
  stacks: readonly T[],
): { key: string; org: string; project: string; stacks: T[] }[] {
  const groups = new Map<string, { key: string; org: string; project: string; stacks: T[] }>();
  for (const stack of stacks) {
    const key = `${stack.org}/${stack.project}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, org: stack.org, project: stack.project, stacks: [] };
      groups.set(key, group);
    }
    group.stacks.push(stack);
  }
  return [...groups.values()];
}
