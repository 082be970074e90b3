import { and, asc, eq } from "drizzle-orm";

import { journalEntries, updates } from "@procella/db";
import type { StackRecord } from "@procella/stacks";
import { NotFoundError } from "@procella/types";

import type { UpdatesContext } from "../context.ts";
import { JournalReplayError } from "../journal/errors.ts";
import { replayJournal } from "../journal/replay.ts";
import { engineVersionOf } from "./engine-version.ts";
import type { JournalEntry, UntypedDeployment } from "../journal/types.ts";
import { encodeJson } from "./deployment-text.ts";
import { emptyDeploymentText } from "./empty-deployment.ts";

/**
 * The state of a journaling update still in progress, replayed from its
 * stored entries; undefined when the stack has no such update or it has no
 * entries yet. Replay is deterministic, so this equals what `complete` will
 * store if no more entries arrive.
 */
async function replayRunningJournal(context: UpdatesContext, stack: StackRecord): Promise<Uint8Array | undefined> {
  const [running] = await context.db
    .select()
    .from(updates)
    .where(
      and(
        eq(updates.stackId, stack.id),
        eq(updates.status, "in-progress"),
        eq(updates.dryRun, false),
        eq(updates.journalVersion, 1),
      ),
    )
    .limit(1);
  if (!running) {
    return undefined;
  }
  const rows = await context.db
    .select({ entry: journalEntries.entry })
    .from(journalEntries)
    .where(eq(journalEntries.updateId, running.id))
    .orderBy(asc(journalEntries.sequenceId));
  if (rows.length === 0) {
    return undefined;
  }
  const baseText = running.baseVersion ? await context.checkpoints.read(stack.id, running.baseVersion) : undefined;
  const base = baseText ? (JSON.parse(new TextDecoder().decode(baseText)) as UntypedDeployment) : undefined;
  const replayed = replayJournal(
    base,
    rows.map((row) => row.entry as unknown as JournalEntry),
    { now: context.now(), engineVersion: engineVersionOf(running, context) },
  );
  return encodeJson(replayed);
}

export async function exportDeployment(context: UpdatesContext, stack: StackRecord, version?: number): Promise<Uint8Array> {
  if (version !== undefined && (version < 1 || version > stack.version)) {
    throw new NotFoundError(
      `Version ${version} of stack '${stack.orgName}/${stack.projectName}/${stack.stackName}' not found; the latest version is ${stack.version}.`,
    );
  }
  if (version === undefined || version === stack.version) {
    try {
      const running = await replayRunningJournal(context, stack);
      if (running) {
        return running;
      }
    } catch (error) {
      if (!(error instanceof JournalReplayError)) {
        throw error;
      }
      // The running update's journal does not replay (yet); its last stored state is still correct to read.
      context.logger.warn("journal of a running update does not replay; exporting the stored state", {
        stackId: stack.id,
        error,
      });
    }
  }
  const text = await context.checkpoints.read(stack.id, version ?? stack.version);
  if (!text) {
    return emptyDeploymentText;
  }
  // The latest version needs no rewrite, because a rename stores it under the new name.
  return version !== undefined && version < stack.version ? withCurrentSecretsStack(text, stack) : text;
}

/**
 * Points a `service` secrets provider recorded under an earlier name of the
 * stack at its current name. The CLI sends a deployment's decrypt calls to
 * the stack its secrets provider names, so a version stored before
 * `pulumi stack rename` would send them to a stack that no longer exists.
 * The key derives from the stack id, so the current stack decrypts them.
 */
function withCurrentSecretsStack(text: Uint8Array, stack: StackRecord): Uint8Array {
  const document = JSON.parse(new TextDecoder().decode(text)) as UntypedDeployment;
  const provider = document.deployment?.secrets_providers;
  const state = provider?.state;
  if (provider?.type !== "service" || typeof state !== "object" || state === null || Array.isArray(state)) {
    return text;
  }
  const names = state as Record<string, unknown>;
  if (names.project === stack.projectName && names.stack === stack.stackName) {
    return text;
  }
  provider.state = { ...names, project: stack.projectName, stack: stack.stackName };
  return encodeJson(document);
}
