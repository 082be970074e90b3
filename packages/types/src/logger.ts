export type LogLevel = "debug" | "info" | "warn" | "error";

export type LogFields = Record<string, unknown>;

/** Structured logger passed to every service; messages are short and lowercase, details go in fields. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** Returns a logger that adds `fields` to every line. */
  child(fields: LogFields): Logger;
}

const levelRank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface JsonLoggerOptions {
  level: LogLevel;
  /** Receives each finished line; defaults to standard output. */
  write?: (line: string) => void;
  fields?: LogFields;
}

function serializeError(error: Error): LogFields {
  return { name: error.name, message: error.message, stack: error.stack };
}

/** Writes one JSON object per line: time, level, msg, then the fields. */
export class JsonLogger implements Logger {
  readonly #minimum: number;
  readonly #write: (line: string) => void;
  readonly #fields: LogFields;
  readonly #options: JsonLoggerOptions;

  constructor(options: JsonLoggerOptions) {
    this.#options = options;
    this.#minimum = levelRank[options.level];
    this.#write = options.write ?? ((line) => process.stdout.write(`${line}\n`));
    this.#fields = options.fields ?? {};
  }

  debug(message: string, fields?: LogFields): void {
    this.#log("debug", message, fields);
  }

  info(message: string, fields?: LogFields): void {
    this.#log("info", message, fields);
  }

  warn(message: string, fields?: LogFields): void {
    this.#log("warn", message, fields);
  }

  error(message: string, fields?: LogFields): void {
    this.#log("error", message, fields);
  }

  child(fields: LogFields): Logger {
    return new JsonLogger({ ...this.#options, write: this.#write, fields: { ...this.#fields, ...fields } });
  }

  #log(level: LogLevel, message: string, fields: LogFields | undefined): void {
    if (levelRank[level] < this.#minimum) {
      return;
    }
    const line: LogFields = { time: new Date().toISOString(), level, msg: message, ...this.#fields };
    for (const [key, value] of Object.entries(fields ?? {})) {
      line[key] = value instanceof Error ? serializeError(value) : value;
    }
    this.#write(JSON.stringify(line));
  }
}

/** Discards everything; for tests that do not inspect logs. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};
