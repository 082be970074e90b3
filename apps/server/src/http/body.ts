import type { Context } from "hono";
import type { z } from "zod";

import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from "@procella/types";

import type { AppEnv } from "../env.ts";

async function readLimited(
  stream: ReadableStream<Uint8Array>,
  maxBytes: number,
  what: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let chunk: Awaited<ReturnType<typeof reader.read>>;
    try {
      chunk = await reader.read();
    } catch (error) {
      // The client closed the connection mid-upload; nothing was stored.
      throw new BadRequestError(`Invalid request: the ${what} could not be read completely.`, { cause: error });
    }
    const { done, value } = chunk;
    if (done) {
      break;
    }
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new PayloadTooLargeError(`Request body too large: the ${what} exceeds the limit of ${maxBytes} bytes.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/**
 * Reads the request body, decompressing `Content-Encoding: gzip` (the CLI
 * gzips checkpoints, journal entries, events, imports and batch secrets
 * calls). Both the compressed and the decompressed size are capped at
 * `maxBodyBytes`, and decompression stops as soon as the cap is passed, so a
 * gzip bomb costs at most the cap in memory.
 */
export async function readBody(c: Context<AppEnv>): Promise<Uint8Array<ArrayBuffer>> {
  const maxBytes = c.get("services").config.maxBodyBytes;
  const declared = Number(c.req.header("Content-Length") ?? "0");
  if (declared > maxBytes) {
    throw new PayloadTooLargeError(`Request body too large: ${declared} bytes exceeds the limit of ${maxBytes} bytes.`);
  }
  const body = c.req.raw.body;
  if (!body) {
    return new Uint8Array();
  }

  const encoding = (c.req.header("Content-Encoding") ?? "identity").trim().toLowerCase();
  if (encoding === "identity" || encoding === "") {
    return readLimited(body, maxBytes, "request body");
  }
  if (encoding !== "gzip" && encoding !== "x-gzip") {
    throw new UnsupportedMediaTypeError(`Unsupported Content-Encoding '${encoding.slice(0, 30)}': send gzip or no encoding.`);
  }

  const compressed = await readLimited(body, maxBytes, "compressed request body");
  const decompressed = new Blob([compressed]).stream().pipeThrough(new DecompressionStream("gzip"));
  try {
    return await readLimited(decompressed, maxBytes, "decompressed request body");
  } catch (error) {
    if (error instanceof PayloadTooLargeError) {
      throw error;
    }
    throw new BadRequestError("Invalid gzip request body: it could not be decompressed.", { cause: error });
  }
}

/** Parses bytes as JSON, with a 400 that names the problem on failure. */
export function parseJson(bytes: Uint8Array): unknown {
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  if (text.trim() === "") {
    throw new BadRequestError("Invalid request body: expected a JSON document, got an empty body.");
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : "parse error";
    throw new BadRequestError(`Invalid JSON in request body: ${detail.slice(0, 200)}`);
  }
}

/** Validates a parsed body with a zod schema; the 400 names the first invalid field. */
export function validateBody<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at '${issue.path.join(".")}'` : "";
    throw new BadRequestError(`Invalid request body${where}: ${issue?.message ?? "does not match the expected shape"}.`);
  }
  return result.data;
}

/** Reads, decompresses, parses and validates a JSON request body. */
export async function readJsonBody<T extends z.ZodType>(c: Context<AppEnv>, schema: T): Promise<z.infer<T>> {
  return validateBody(schema, parseJson(await readBody(c)));
}
