import type { TestServer } from "../e2e/harness/server.ts";
import { quantile, round } from "./statistics.ts";

const headers = (authorization: string) => ({
  Accept: "application/vnd.pulumi+9",
  "Content-Type": "application/json",
  Authorization: authorization,
});

async function call(server: TestServer, method: string, path: string, authorization: string, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: headers(authorization),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(`${method} ${path} returned ${response.status}: ${await response.text()}`);
  }
  return response.json() as Promise<Record<string, unknown>>;
}

/** The CLI flushes journal batches every 50 ms by default (PULUMI_JOURNALING_BATCH_PERIOD). */
const batchPeriodMs = 50;

/**
 * Latency of journal-entry and event-batch requests while `concurrency`
 * updates run at once, each sending `batches` journal batches of 10 entries
 * and `batches` event batches of 20 events, one request at a time per update
 * as the CLI does, at most one round per 50 ms batch period like the CLI's
 * journaler. Requests go over loopback to a real server process.
 */
export async function benchmarkProtocolLatency(server: TestServer, concurrency: number, batches: number) {
  const token = `token ${server.token}`;
  const journalLatencies: number[] = [];
  const eventLatencies: number[] = [];

  const runOne = async (index: number) => {
    const stack = `/api/stacks/acme/latency/s${index}`;
    await call(server, "POST", "/api/stacks/acme/latency", token, { stackName: `s${index}` });
    const program = { name: "latency", runtime: "yaml", main: "", description: "", options: {}, config: {}, metadata: { message: "", environment: {} } };
    const { updateID } = await call(server, "POST", `${stack}/update`, token, program);
    const started = await call(server, "POST", `${stack}/update/${updateID}`, token, { journalVersion: 1 });
    const lease = `update-token ${started.token as string}`;
    const update = `${stack}/update/${updateID}`;

    // Independent CLIs do not flush in step, so each update starts at its own point of the period.
    await Bun.sleep(Math.random() * batchPeriodMs);
    let sequenceId = 1;
    for (let batch = 0; batch < batches; batch++) {
      const roundStarted = performance.now();
      const entries = Array.from({ length: 10 }, () => {
        const id = sequenceId++;
        return { version: 1, kind: 0, sequenceID: id, operationID: id, removeOld: null, removeNew: null };
      });
      let begin = performance.now();
      await call(server, "PATCH", `${update}/journalentries`, lease, { entries });
      journalLatencies.push(performance.now() - begin);

      const events = Array.from({ length: 20 }, (_, offset) => ({
        sequence: batch * 20 + offset,
        timestamp: Math.floor(Date.now() / 1000),
        stdoutEvent: { message: `line ${batch * 20 + offset}`, color: "never" },
      }));
      begin = performance.now();
      await call(server, "POST", `${update}/events/batch`, lease, { events });
      eventLatencies.push(performance.now() - begin);
      await Bun.sleep(Math.max(0, batchPeriodMs - (performance.now() - roundStarted)));
    }
    await call(server, "POST", `${update}/cancel`, token, {});
  };

  await Promise.all(Array.from({ length: concurrency }, (_, index) => runOne(index)));
  const summarize = (values: number[]) => ({
    requests: values.length,
    p50Ms: round(quantile(values, 0.5)),
    p99Ms: round(quantile(values, 0.99)),
  });
  return { concurrency, journalEntries: summarize(journalLatencies), eventBatches: summarize(eventLatencies) };
}
