import { formatUrn, parseUrn, rootStackType } from "../journal/urn.ts";

/** A stack named by project and stack name, as in `/api/stacks/{org}/{project}/{stack}`. */
export interface StackIdentity {
  project: string;
  stack: string;
}

/**
 * Returns a function that moves URNs of stack `from` to stack `to`, as the CLI's
 * `stackRenamer.renameURN` does (pkg/resource/edit/operations.go, read at v3.259.0).
 *
 * Only URNs whose stack is `from.stack` and whose project is `from.project` change. An
 * empty `from.project` matches any project, and an empty `to.project` keeps the URN's
 * project. The root stack resource is renamed to `<project>-<stack>` for the new names.
 * Strings that are not valid URNs are returned unchanged.
 */
export function createUrnRenamer(from: StackIdentity, to: StackIdentity): (urn: string) => string {
  return (urn) => {
    const parts = parseUrn(urn);
    if (parts === undefined || parts.stack !== from.stack) {
      return urn;
    }
    if (from.project !== "" && parts.project !== from.project) {
      return urn;
    }
    const project = to.project !== "" ? to.project : parts.project;
    const name = parts.qualifiedType === rootStackType ? `${project}-${to.stack}` : parts.name;
    return formatUrn(to.stack, project, "", parts.qualifiedType, name);
  };
}
