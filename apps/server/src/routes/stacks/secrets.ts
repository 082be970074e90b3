import type { Context } from "hono";
import { z } from "zod";

import { DecryptionError, EncryptionNotConfiguredError } from "@procella/crypto";
import { BadRequestError, ServiceUnavailableError } from "@procella/types";

import type { AppEnv } from "../../env.ts";
import { readJsonBody } from "../../http/body.ts";
import { stackRefFromParams } from "../params.ts";

/** The CLI sends at most 1,000 values per batch call. */
const maxBatchSize = 1000;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: "expected standard base64" });
const encryptRequest = z.object({ plaintext: base64 });
const decryptRequest = z.object({ ciphertext: base64 });
const batchEncryptRequest = z.object({ plaintexts: z.array(base64).max(maxBatchSize) });
const batchDecryptRequest = z.object({ ciphertexts: z.array(base64).max(maxBatchSize) });

const fromBase64 = (value: string): Uint8Array => Buffer.from(value, "base64");
const toBase64 = (value: Uint8Array): string => Buffer.from(value).toString("base64");

/** Maps crypto failures to the CLI's error format; secrets never appear in messages. */
async function withCryptoErrors<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof DecryptionError) {
      throw new BadRequestError(`Decryption failed: ${error.message}`, { cause: error });
    }
    if (error instanceof EncryptionNotConfiguredError) {
      throw new ServiceUnavailableError(error.message, { cause: error });
    }
    throw error;
  }
}

async function stackId(c: Context<AppEnv>): Promise<string> {
  return (await c.get("services").stacks.getStack(stackRefFromParams(c))).id;
}

/** `POST .../encrypt`: `pulumi config set --secret`. */
export async function encryptValue(c: Context<AppEnv>) {
  const id = await stackId(c);
  const body = await readJsonBody(c, encryptRequest);
  const ciphertext = await withCryptoErrors(() => c.get("services").crypto.encrypt(id, fromBase64(body.plaintext)));
  return c.json({ ciphertext: toBase64(ciphertext) });
}

/** `POST .../decrypt`: `pulumi config get` of a secret. */
export async function decryptValue(c: Context<AppEnv>) {
  const id = await stackId(c);
  const body = await readJsonBody(c, decryptRequest);
  const plaintext = await withCryptoErrors(() => c.get("services").crypto.decrypt(id, fromBase64(body.ciphertext)));
  return c.json({ plaintext: toBase64(plaintext) });
}

/** `POST .../batch-encrypt`: secrets of checkpoints and journal entries, in request order. */
export async function batchEncrypt(c: Context<AppEnv>) {
  const id = await stackId(c);
  const body = await readJsonBody(c, batchEncryptRequest);
  const ciphertexts = await withCryptoErrors(() =>
    c.get("services").crypto.encryptBatch(id, body.plaintexts.map(fromBase64)),
  );
  return c.json({ ciphertexts: ciphertexts.map(toBase64) });
}

/**
 * `POST .../batch-decrypt`: the CLI looks each plaintext up by the exact
 * ciphertext string it sent, so the request strings are the keys.
 */
export async function batchDecrypt(c: Context<AppEnv>) {
  const id = await stackId(c);
  const body = await readJsonBody(c, batchDecryptRequest);
  const plaintexts = await withCryptoErrors(() =>
    c.get("services").crypto.decryptBatch(id, body.ciphertexts.map(fromBase64)),
  );
  const byCiphertext: Record<string, string> = {};
  body.ciphertexts.forEach((ciphertext, index) => {
    const plaintext = plaintexts[index];
    if (plaintext) {
      byCiphertext[ciphertext] = toBase64(plaintext);
    }
  });
  return c.json({ plaintexts: byCiphertext });
}
