/**
 * Runs the whole test suite with Bun's runner and ends with the line
 * `N passed, N failed` (plus skipped), which CI reads. Arguments are passed
 * on to `bun test`, e.g. `bun run test packages/db`.
 */
export {};

const perTestTimeoutMs = 600_000;

const child = Bun.spawn(["bun", "test", "--timeout", String(perTestTimeoutMs), ...process.argv.slice(2)], {
  stdout: "pipe",
  stderr: "pipe",
  stdin: "ignore",
});

let combined = "";
async function pump(stream: ReadableStream<Uint8Array>, sink: NodeJS.WriteStream): Promise<void> {
  const decoder = new TextDecoder();
  for await (const chunk of stream) {
    const text = decoder.decode(chunk, { stream: true });
    combined += text;
    sink.write(text);
  }
}

await Promise.all([pump(child.stdout, process.stdout), pump(child.stderr, process.stderr)]);
const exitCode = await child.exited;

// Bun prints its totals as lines like " 12 pass", " 0 fail", " 3 skip".
const total = (label: string): number => {
  const match = new RegExp(`^\\s*(\\d+) ${label}$`, "m").exec(combined);
  return match?.[1] ? Number(match[1]) : 0;
};
const passed = total("pass");
const failed = total("fail");
const skipped = total("skip");

// A runner crash can end with no totals at all; count it as a failure.
const reportedFailures = exitCode !== 0 && failed === 0 ? 1 : failed;
process.stdout.write(`\n${passed} passed, ${reportedFailures} failed${skipped > 0 ? `, ${skipped} skipped` : ""}\n`);
process.exit(exitCode === 0 && reportedFailures === 0 && passed > 0 ? 0 : 1);
