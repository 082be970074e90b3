import { UnprocessableError } from "@procella/types";
import {
  formatProviderReference,
  InvalidProviderReferenceError,
  parseProviderReference,
} from "../journal/provider-reference.ts";
import type { DeploymentV3, OperationV2, ResourceV3, SecretsProvidersV1, UntypedDeployment } from "../journal/types.ts";
import { renamePropertyValue } from "./property-values.ts";
import { createUrnRenamer, type StackIdentity } from "./urn-renamer.ts";

export type { StackIdentity } from "./urn-renamer.ts";

/** Raised when a deployment cannot be moved to the new stack name, e.g. for a malformed provider reference. */
export class StackRenameError extends UnprocessableError {}

export interface RenameStackOptions {
  /**
   * Keep provider references that cannot be parsed instead of failing, like the CLI's
   * `--force`. Such a resource keeps pointing at its provider under the old stack name.
   */
  force?: boolean;
}

/**
 * Moves a deployment from stack `from` to stack `to`, rewriting it as the CLI's DIY backend
 * does on `pulumi stack rename` (`edit.RenameStack` in pkg/resource/edit/operations.go,
 * read at v3.259.0).
 *
 * In every resource and pending operation, URNs of the old stack and project are rewritten
 * in `urn`, `parent`, `dependencies`, `propertyDependencies`, `deletedWith`, `replaceWith`,
 * `aliases`, `viewOf`, the URN part of `provider`, and resource references in `inputs`,
 * `outputs` and `replacementTrigger`. The root stack resource becomes `<project>-<stack>`
 * with the new names. URNs of other stacks or projects are left alone.
 *
 * Beyond the CLI, a `service` secrets provider whose state names the old project and stack
 * is pointed at the new ones, so that the CLI sends later decrypt calls to the renamed stack.
 *
 * The input is not modified, and unchanged parts are shared with the result. Throws
 * StackRenameError for an unparseable provider reference unless `options.force` is set.
 */
export function renameStackInDeployment(
  deployment: UntypedDeployment,
  from: StackIdentity,
  to: StackIdentity,
  options: RenameStackOptions = {},
): UntypedDeployment {
  const inner = deployment.deployment;
  if (inner === undefined || inner === null) {
    return { ...deployment };
  }

  const renameUrn = createUrnRenamer(from, to);
  // Entries that are not objects cannot hold URNs, so they pass through unchanged.
  const renameResource = (resource: ResourceV3): ResourceV3 =>
    isRecord(resource) ? renameResourceState(resource, renameUrn, options.force === true) : resource;

  const renamed: DeploymentV3 = { ...inner };
  if (Array.isArray(inner.resources)) {
    renamed.resources = inner.resources.map(renameResource);
  }
  if (Array.isArray(inner.pending_operations)) {
    renamed.pending_operations = inner.pending_operations.map(
      (operation): OperationV2 => ({ ...operation, resource: renameResource(operation.resource) }),
    );
  }
  // NOTE: like the CLI, this leaves snippet references alone, so a snippet that names a
  // resource of this stack keeps the old URN.
  if (inner.secrets_providers !== undefined && inner.secrets_providers !== null) {
    renamed.secrets_providers = renameServiceSecretsState(inner.secrets_providers, from, to);
  }
  return { ...deployment, deployment: renamed };
}

function renameResourceState(resource: ResourceV3, renameUrn: (urn: string) => string, force: boolean): ResourceV3 {
  const renameOne = (urn: unknown): unknown => {
    if (typeof urn !== "string" || urn === "") {
      return urn;
    }
    return renameUrn(urn);
  };
  const renameList = (urns: unknown): unknown => {
    if (!Array.isArray(urns)) {
      return urns;
    }
    return urns.map(renameOne);
  };

  const result: ResourceV3 = { ...resource };
  assignIfPresent(result, "urn", renameOne(resource.urn));
  assignIfPresent(result, "parent", renameOne(resource.parent));
  assignIfPresent(result, "dependencies", renameList(resource.dependencies));
  if (isRecord(resource.propertyDependencies)) {
    const propertyDependencies: Record<string, unknown> = {};
    for (const [property, urns] of Object.entries(resource.propertyDependencies)) {
      propertyDependencies[property] = renameList(urns);
    }
    result.propertyDependencies = propertyDependencies as ResourceV3["propertyDependencies"]; // same shape, URNs renamed
  }
  assignIfPresent(result, "deletedWith", renameOne(resource.deletedWith));
  assignIfPresent(result, "replaceWith", renameList(resource.replaceWith));
  assignIfPresent(result, "aliases", renameList(resource.aliases));
  assignIfPresent(result, "viewOf", renameOne(resource.viewOf));
  if (typeof resource.provider === "string" && resource.provider !== "") {
    result.provider = renameProviderReference(resource.provider, resource.urn, renameUrn, force);
  }
  assignIfPresent(result, "inputs", renamePropertyValue(resource.inputs, renameUrn));
  assignIfPresent(result, "outputs", renamePropertyValue(resource.outputs, renameUrn));
  assignIfPresent(result, "replacementTrigger", renamePropertyValue(resource.replacementTrigger, renameUrn));
  return result;
}

/** Rewrites the URN part of `<provider URN>::<ID>`, keeping the original text when the URN does not change. */
function renameProviderReference(
  reference: string,
  resourceUrn: string,
  renameUrn: (urn: string) => string,
  force: boolean,
): string {
  try {
    const parsed = parseProviderReference(reference);
    const newUrn = renameUrn(parsed.urn);
    return newUrn === parsed.urn ? reference : formatProviderReference(newUrn, parsed.id);
  } catch (error) {
    if (!(error instanceof InvalidProviderReferenceError)) {
      throw error;
    }
    if (force) {
      return reference;
    }
    throw new StackRenameError(
      `Cannot rename the stack: resource "${resourceUrn}" has an invalid provider reference. ${error.message} ` +
        "Correct it with `pulumi stack export` and `pulumi stack import`, then retry the rename.",
      { cause: error },
    );
  }
}

/**
 * Points a `service` secrets provider at the renamed stack. The CLI decrypts through the
 * `owner`, `project` and `stack` recorded in this state, so after a rename it would
 * otherwise call the old stack's endpoints. State that names another stack is left alone.
 */
function renameServiceSecretsState(
  provider: SecretsProvidersV1,
  from: StackIdentity,
  to: StackIdentity,
): SecretsProvidersV1 {
  const state = provider.state;
  if (provider.type !== "service" || !isRecord(state)) {
    return provider;
  }
  if (state.stack !== from.stack || (from.project !== "" && state.project !== from.project)) {
    return provider;
  }
  return {
    ...provider,
    state: { ...state, project: to.project !== "" ? to.project : state.project, stack: to.stack },
  };
}

/** Sets a field only when the source had it, so absent fields stay absent. */
function assignIfPresent(resource: ResourceV3, key: keyof ResourceV3 & string, value: unknown): void {
  if (value !== undefined) {
    resource[key] = value;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
