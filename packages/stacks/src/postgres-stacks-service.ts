import { type SQL, and, asc, desc, eq, gt, ilike, inArray, isNotNull, or, sql } from "drizzle-orm";

import { type Database, checkpoints, isUniqueViolation, stacks, updates, type StackRow } from "@procella/db";
import type { BlobStorage } from "@procella/storage";
import { BadRequestError, type Caller, ConflictError, NotFoundError, validateTags } from "@procella/types";

import { decodeContinuationToken, encodeContinuationToken } from "./continuation-token.ts";
import type {
  ActiveOperation,
  CreateStackInput,
  ListStacksFilter,
  ListStacksResult,
  StackRecord,
  StackRef,
  StacksService,
} from "./stacks-service.ts";

export interface PostgresStacksServiceOptions {
  db: Database;
  blobs: BlobStorage;
}

/** The CLI matches this exact message to suggest `pulumi stack rm --force`. */
export const stackHasResourcesMessage = "Bad Request: Stack still contains resources.";

/** Only a started update holds the stack; a created one that never started does not. */
const activeStatuses = ["in-progress"] as const;

function describeRef(ref: StackRef): string {
  return `${ref.orgName}/${ref.projectName}/${ref.stackName}`;
}

export class PostgresStacksService implements StacksService {
  readonly #db: Database;
  readonly #blobs: BlobStorage;

  constructor(options: PostgresStacksServiceOptions) {
    this.#db = options.db;
    this.#blobs = options.blobs;
  }

  async createStack(caller: Caller, ref: StackRef, input: CreateStackInput): Promise<StackRecord> {
    const tags = input.tags ?? {};
    validateTags(tags);
    try {
      const [row] = await this.#db
        .insert(stacks)
        .values({ ...ref, tags, createdBy: caller.login })
        .returning();
      if (!row) {
        throw new Error("stack insert returned no row");
      }
      return toRecord(row, undefined, undefined);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(`Stack '${describeRef(ref)}' already exists.`, { cause: error });
      }
      throw error;
    }
  }

  async getStack(ref: StackRef): Promise<StackRecord> {
    const [row] = await this.#db.select().from(stacks).where(matchRef(ref)).limit(1);
    if (!row) {
      throw new NotFoundError(`Stack '${describeRef(ref)}' not found.`);
    }
    return this.#withActivity(row);
  }

  async getStackById(id: string): Promise<StackRecord> {
    const [row] = await this.#db.select().from(stacks).where(eq(stacks.id, id)).limit(1);
    if (!row) {
      throw new NotFoundError(`Stack with id '${id}' not found.`);
    }
    return this.#withActivity(row);
  }

  async listStacks(filter: ListStacksFilter): Promise<ListStacksResult> {
    if (filter.visibleOrgs.length === 0) {
      return { stacks: [] };
    }
    const conditions: SQL[] = [inArray(stacks.orgName, [...filter.visibleOrgs])];
    if (filter.organization !== undefined) {
      conditions.push(eq(stacks.orgName, filter.organization));
    }
    if (filter.project !== undefined) {
      conditions.push(eq(stacks.projectName, filter.project));
    }
    if (filter.tagName !== undefined) {
      conditions.push(
        filter.tagValue === undefined
          ? isNotNull(sql`${stacks.tags} ->> ${filter.tagName}`)
          : eq(sql`${stacks.tags} ->> ${filter.tagName}`, filter.tagValue),
      );
    }
    if (filter.search !== undefined && filter.search !== "") {
      const pattern = `%${filter.search.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;
      const searchCondition = or(ilike(stacks.stackName, pattern), ilike(stacks.projectName, pattern));
      if (searchCondition) conditions.push(searchCondition);
    }
    if (filter.continuationToken !== undefined) {
      const [orgName, projectName, stackName] = decodeContinuationToken(filter.continuationToken);
      conditions.push(
        gt(sql`(${stacks.orgName}, ${stacks.projectName}, ${stacks.stackName})`, sql`(${orgName}, ${projectName}, ${stackName})`),
      );
    }

    const rows = await this.#db
      .select()
      .from(stacks)
      .where(and(...conditions))
      .orderBy(asc(stacks.orgName), asc(stacks.projectName), asc(stacks.stackName))
      .limit(filter.pageSize + 1);

    const page = rows.slice(0, filter.pageSize);
    const records = await this.#withActivityMany(page);
    const last = page.at(-1);
    return {
      stacks: records,
      continuationToken: rows.length > filter.pageSize && last ? encodeContinuationToken(last) : undefined,
    };
  }

  async projectExists(orgName: string, projectName: string): Promise<boolean> {
    const rows = await this.#db
      .select({ id: stacks.id })
      .from(stacks)
      .where(and(eq(stacks.orgName, orgName), eq(stacks.projectName, projectName)))
      .limit(1);
    return rows.length > 0;
  }

  async replaceTags(ref: StackRef, tags: Record<string, string>): Promise<void> {
    validateTags(tags);
    const rows = await this.#db
      .update(stacks)
      .set({ tags, updatedAt: new Date() })
      .where(matchRef(ref))
      .returning({ id: stacks.id });
    if (rows.length === 0) {
      throw new NotFoundError(`Stack '${describeRef(ref)}' not found.`);
    }
  }

  async renameStack(ref: StackRef, target: { projectName: string; stackName: string }): Promise<StackRecord> {
    try {
      const [row] = await this.#db
        .update(stacks)
        .set({ projectName: target.projectName, stackName: target.stackName, updatedAt: new Date() })
        .where(matchRef(ref))
        .returning();
      if (!row) {
        throw new NotFoundError(`Stack '${describeRef(ref)}' not found.`);
      }
      return this.#withActivity(row);
    } catch (error) {
      if (isUniqueViolation(error)) {
        const targetRef = { orgName: ref.orgName, ...target };
        throw new ConflictError(`Stack '${describeRef(targetRef)}' already exists.`, { cause: error });
      }
      throw error;
    }
  }

  async deleteStack(ref: StackRef, options: { force: boolean }): Promise<void> {
    const blobKeys = await this.#db.transaction(async (tx) => {
      const [row] = await tx.select().from(stacks).where(matchRef(ref)).for("update").limit(1);
      if (!row) {
        throw new NotFoundError(`Stack '${describeRef(ref)}' not found.`);
      }
      if (!options.force) {
        if (row.resourceCount > 0) {
          throw new BadRequestError(stackHasResourcesMessage);
        }
        const active = await tx
          .select({ id: updates.id })
          .from(updates)
          .where(and(eq(updates.stackId, row.id), inArray(updates.status, [...activeStatuses]), eq(updates.dryRun, false)))
          .limit(1);
        if (active.length > 0) {
          throw new ConflictError(
            `Stack '${describeRef(ref)}' has an update in progress; cancel it with 'pulumi cancel' or use 'pulumi stack rm --force'.`,
          );
        }
      }
      const keys = await tx.select({ key: checkpoints.blobKey }).from(checkpoints).where(eq(checkpoints.stackId, row.id));
      await tx.delete(stacks).where(eq(stacks.id, row.id));
      return keys.map((entry) => entry.key);
    });

    // Blobs go after the commit: a crash here leaves unreferenced blobs, never a stack without its state.
    for (const key of blobKeys) {
      await this.#blobs.delete(key);
    }
  }

  async #withActivity(row: StackRow): Promise<StackRecord> {
    const [record] = await this.#withActivityMany([row]);
    if (!record) {
      throw new Error("stack activity lookup lost a row");
    }
    return record;
  }

  /** Adds each stack's active update and last update time with two queries for the whole page. */
  async #withActivityMany(rows: StackRow[]): Promise<StackRecord[]> {
    if (rows.length === 0) {
      return [];
    }
    const ids = rows.map((row) => row.id);
    const active = await this.#db
      .select({
        stackId: updates.stackId,
        id: updates.id,
        kind: updates.kind,
        requestedBy: updates.requestedBy,
        startedAt: updates.startedAt,
        createdAt: updates.createdAt,
      })
      .from(updates)
      .where(and(inArray(updates.stackId, ids), inArray(updates.status, [...activeStatuses]), eq(updates.dryRun, false)))
      .orderBy(desc(updates.createdAt));
    const lastEnded = await this.#db
      .select({ stackId: updates.stackId, endedAt: sql<Date | string | null>`max(${updates.endedAt})` })
      .from(updates)
      .where(and(inArray(updates.stackId, ids), eq(updates.dryRun, false), isNotNull(updates.endedAt)))
      .groupBy(updates.stackId);

    const activeByStack = new Map<string, ActiveOperation>();
    for (const update of active) {
      if (!activeByStack.has(update.stackId)) {
        activeByStack.set(update.stackId, {
          updateId: update.id,
          kind: update.kind,
          requestedBy: update.requestedBy,
          startedAt: update.startedAt ?? update.createdAt,
        });
      }
    }
    const lastByStack = new Map<string, Date>();
    for (const entry of lastEnded) {
      if (entry.endedAt !== null) {
        lastByStack.set(entry.stackId, new Date(entry.endedAt));
      }
    }
    return rows.map((row) => toRecord(row, activeByStack.get(row.id), lastByStack.get(row.id)));
  }
}

function matchRef(ref: StackRef): SQL | undefined {
  return and(
    eq(stacks.orgName, ref.orgName),
    eq(stacks.projectName, ref.projectName),
    eq(stacks.stackName, ref.stackName),
  );
}

function toRecord(row: StackRow, activeOperation: ActiveOperation | undefined, lastUpdateAt: Date | undefined): StackRecord {
  return {
    id: row.id,
    orgName: row.orgName,
    projectName: row.projectName,
    stackName: row.stackName,
    tags: row.tags,
    version: row.version,
    resourceCount: row.resourceCount,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    lastUpdateAt,
    activeOperation,
  };
}
