/** One way the CLI writes state during an update, chosen by its environment. */
export interface WriteMode {
  name: string;
  cliEnv: Record<string, string>;
}

/** Journal entries (the CLI's default against a server that offers journaling) and whole checkpoints. */
export const writeModes: WriteMode[] = [
  { name: "journaling", cliEnv: {} },
  { name: "checkpoints", cliEnv: { PULUMI_DISABLE_JOURNALING: "true" } },
];
