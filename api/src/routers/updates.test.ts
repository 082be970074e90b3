import { afterAll, beforeAll, describe, expect, test } from "bun:test";

import { testDatabaseTargets } from "@procella/db/testing";
import type { StackRecord } from "@procella/stacks";

import { alice, type ApiTestBed, createApiTestBed, mia, olga, runUpdate, sampleDeployment, sampleEvents, victor } from "../testing.ts";

const dev = { org: "acme", project: "web", stack: "dev" };
const other = { org: "acme", project: "web", stack: "other" };

describe.each(testDatabaseTargets())("updates and events routers on %s", (kind) => {
  let bed: ApiTestBed;
  let stack: StackRecord;
  let finishedId: string;
  let runningId: string;

  beforeAll(async () => {
    bed = await createApiTestBed(kind);
    const { stacks } = bed.services;
    stack = await stacks.createStack(alice, { orgName: "acme", projectName: "web", stackName: "dev" }, {});
    await stacks.createStack(alice, { orgName: "acme", projectName: "web", stackName: "other" }, {});
    finishedId = (await runUpdate(bed.services, alice, stack, { deployment: sampleDeployment(), events: sampleEvents() })).updateId;
    stack = await stacks.getStack({ orgName: "acme", projectName: "web", stackName: "dev" });
    const running = await runUpdate(bed.services, alice, stack, {
      deployment: sampleDeployment(),
      events: sampleEvents().slice(0, 2),
      complete: false,
    });
    runningId = running.updateId;
  });
  afterAll(async () => {
    await bed?.dispose();
  });

  test("list returns history newest first", async () => {
    const history = await bed.as(victor).updates.list(dev);
    expect(history.updates.map((update) => update.version)).toEqual([2, 1]);
    expect(history.updates[1]?.status).toBe("succeeded");
    expect(history.updates[1]?.resourceChanges).toEqual({ create: 1 });
    expect(history.hasMore).toBe(false);
  });

  test("update view hides secret config values", async () => {
    const update = await bed.as(victor).updates.get({ ...dev, version: 1 });
    expect(update.config["web:greeting"]).toEqual({ value: "hello", secret: false, object: false });
    expect(update.config["web:password"]).toEqual({ value: null, secret: true, object: false });
    expect(JSON.stringify(update)).not.toContain("ciphertext");
    expect(update.message).toBe("deploy <b>web</b>");
  });

  test("get by id and by version agree", async () => {
    const byVersion = await bed.as(victor).updates.get({ ...dev, version: 1 });
    const byId = await bed.as(victor).updates.get({ ...dev, updateId: finishedId });
    expect(byId).toEqual(byVersion);
    expect(byId.durationSeconds).not.toBeNull();
  });

  test("get needs exactly one selector", async () => {
    await expect(bed.as(victor).updates.get(dev)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(bed.as(victor).updates.get({ ...dev, version: 1, updateId: finishedId })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  test("latest is the running update", async () => {
    const latest = await bed.as(victor).updates.latest(dev);
    expect(latest?.id).toBe(runningId);
    expect(latest?.status).toBe("in-progress");
    expect(await bed.as(victor).updates.latest(other)).toBeNull();
  });

  test("events of a finished update", async () => {
    const page = await bed.as(victor).events.list({ ...dev, updateId: finishedId });
    expect(page.events.map((event) => event.type)).toEqual(["prelude", "resourcePre", "resOutputs", "diagnostic", "summary"]);
    expect(page.finished).toBe(true);
    const diagnostic = page.events.find((event) => event.type === "diagnostic");
    expect(diagnostic).toMatchObject({ severity: "warning", message: "careful <script>x</script>" });
  });

  test("events page after a sequence", async () => {
    const page = await bed.as(victor).events.list({ ...dev, updateId: finishedId, afterSequence: 2, limit: 1 });
    expect(page.events.map((event) => event.sequence)).toEqual([3]);
    expect(page.finished).toBe(false);
  });

  test("events of a running update are not finished", async () => {
    const page = await bed.as(victor).events.list({ ...dev, updateId: runningId });
    expect(page.events.map((event) => event.sequence)).toEqual([0, 1]);
    expect(page.finished).toBe(false);
    const none = await bed.as(victor).events.list({ ...dev, updateId: runningId, afterSequence: 1 });
    expect(none.events).toEqual([]);
    expect(none.finished).toBe(false);
  });

  test("update of another stack is not found", async () => {
    await expect(bed.as(alice).events.list({ ...other, updateId: finishedId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(bed.as(alice).updates.get({ ...other, updateId: finishedId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  test("outsider sees no updates or events", async () => {
    await expect(bed.as(olga).updates.list(dev)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(bed.as(olga).events.list({ ...dev, updateId: finishedId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  test("viewer cannot cancel, member can", async () => {
    await expect(bed.as(victor).updates.cancel({ ...dev, updateId: runningId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await bed.as(mia).updates.cancel({ ...dev, updateId: runningId });
    const cancelled = await bed.as(victor).updates.get({ ...dev, updateId: runningId });
    expect(cancelled.status).toBe("cancelled");
    const events = await bed.as(victor).events.list({ ...dev, updateId: runningId });
    expect(events.finished).toBe(true);
  });
});
