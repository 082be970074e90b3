import { describe, expect, test } from "bun:test";
import { EncryptionNotConfiguredError } from "./errors.ts";
import { NopCryptoService } from "./nop-crypto-service.ts";

describe("NopCryptoService", () => {
  const service = new NopCryptoService();
  const bytes = new TextEncoder().encode("v");
  const calls: Array<[string, () => Promise<unknown>]> = [
    ["encrypt", () => service.encrypt("stack", bytes)],
    ["decrypt", () => service.decrypt("stack", bytes)],
    ["encryptBatch", () => service.encryptBatch("stack", [bytes])],
    ["decryptBatch", () => service.decryptBatch("stack", [bytes])],
  ];

  test.each(calls)("%s rejects naming the variable", async (_name, call) => {
    await expect(call()).rejects.toBeInstanceOf(EncryptionNotConfiguredError);
    await expect(call()).rejects.toThrow("PROCELLA_ENCRYPTION_KEY");
  });
});
