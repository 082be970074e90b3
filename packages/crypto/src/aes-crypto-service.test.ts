import { createDecipheriv, hkdfSync } from "node:crypto";
import { describe, expect, test } from "bun:test";
import { AesCryptoService, MIN_CIPHERTEXT_BYTES, NONCE_BYTES } from "./aes-crypto-service.ts";
import { DecryptionError, InvalidMasterKeyError, InvalidStackIdError } from "./errors.ts";
import { generateMasterKey } from "./master-key.ts";

const STACK_A = "0d7c3f0e-6f1a-4e3b-9a51-2c1f8e7b4a10";
const STACK_B = "8b2e91d4-3c57-4f08-b6a2-95d0e1c4f7a3";
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function newService(): AesCryptoService {
  return new AesCryptoService({ masterKey: generateMasterKey() });
}

async function expectDecryptionError(promise: Promise<unknown>): Promise<DecryptionError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DecryptionError);
    return error as DecryptionError; // checked by the assertion above
  }
  throw new Error("expected a DecryptionError, but the call succeeded");
}

describe("AesCryptoService round trip", () => {
  test.each([0, 1, 15, 16, 17, 1000, 65536])("plaintext of %d bytes", async (length) => {
    const service = newService();
    const plaintext = crypto.getRandomValues(new Uint8Array(length));

    const ciphertext = await service.encrypt(STACK_A, plaintext);
    const decrypted = await service.decrypt(STACK_A, ciphertext);

    expect(decrypted).toEqual(plaintext);
    expect(ciphertext.byteLength).toBe(MIN_CIPHERTEXT_BYTES + length);
    expect(ciphertext[0]).toBe(1);
  });

  test("plaintext given as a subarray view", async () => {
    const service = newService();
    const backing = encoder.encode("xxxxsecret-valuexxxx");
    const view = backing.subarray(4, 16);

    const decrypted = await service.decrypt(STACK_A, await service.encrypt(STACK_A, view));

    expect(decoder.decode(decrypted)).toBe("secret-value");
  });

  test("ciphertext does not contain the plaintext", async () => {
    const service = newService();
    const plaintext = "correct horse battery staple";

    const ciphertext = await service.encrypt(STACK_A, encoder.encode(plaintext));

    expect(Buffer.from(ciphertext).toString("latin1")).not.toContain(plaintext);
  });

  test("two instances with one master key interoperate", async () => {
    const masterKey = generateMasterKey();
    const writer = new AesCryptoService({ masterKey });
    const reader = new AesCryptoService({ masterKey });

    const ciphertext = await writer.encrypt(STACK_A, encoder.encode("shared"));

    expect(decoder.decode(await reader.decrypt(STACK_A, ciphertext))).toBe("shared");
  });

  test("caller changing its key buffer afterwards has no effect", async () => {
    const masterKey = generateMasterKey();
    const service = new AesCryptoService({ masterKey });
    const ciphertext = await new AesCryptoService({ masterKey }).encrypt(STACK_A, encoder.encode("v"));

    masterKey.fill(0);

    expect(decoder.decode(await service.decrypt(STACK_A, ciphertext))).toBe("v");
  });

  test("matches an independent HKDF and AES-GCM implementation", async () => {
    const masterKey = generateMasterKey();
    const service = new AesCryptoService({ masterKey });
    const ciphertext = await service.encrypt(STACK_A, encoder.encode("format check"));

    // Literal salt and info, so changing the derivation constants breaks this test.
    const key = Buffer.from(
      hkdfSync("sha256", masterKey, "procella/hkdf-salt/v1", `procella/stack-secrets-key/v1:${STACK_A}`, 32),
    );
    const decipher = createDecipheriv("aes-256-gcm", key, ciphertext.subarray(1, 13));
    decipher.setAAD(ciphertext.subarray(0, 1));
    decipher.setAuthTag(ciphertext.subarray(ciphertext.byteLength - 16));
    const plaintext = Buffer.concat([
      decipher.update(ciphertext.subarray(13, ciphertext.byteLength - 16)),
      decipher.final(),
    ]);

    expect(plaintext.toString("utf8")).toBe("format check");
  });
});

describe("AesCryptoService batches", () => {
  test("keep input order", async () => {
    const service = newService();
    const plaintexts = Array.from({ length: 50 }, (_, i) => encoder.encode(`secret-${i}-${"x".repeat(i)}`));

    const ciphertexts = await service.encryptBatch(STACK_A, plaintexts);
    const decrypted = await service.decryptBatch(STACK_A, ciphertexts);

    expect(ciphertexts).toHaveLength(plaintexts.length);
    expect(decrypted.map((bytes) => decoder.decode(bytes))).toEqual(plaintexts.map((bytes) => decoder.decode(bytes)));
    for (const [index, ciphertext] of ciphertexts.entries()) {
      expect(decoder.decode(await service.decrypt(STACK_A, ciphertext))).toBe(`secret-${index}-${"x".repeat(index)}`);
    }
  });

  test("empty batch", async () => {
    const service = newService();

    expect(await service.encryptBatch(STACK_A, [])).toEqual([]);
    expect(await service.decryptBatch(STACK_A, [])).toEqual([]);
  });

  test("failing item is named by index", async () => {
    const service = newService();
    const ciphertexts = await service.encryptBatch(STACK_A, [encoder.encode("a"), encoder.encode("b")]);
    const good = ciphertexts[0];
    const bad = ciphertexts[1];
    if (good === undefined || bad === undefined) throw new Error("encryptBatch returned too few items");
    bad[bad.byteLength - 1] = (bad[bad.byteLength - 1] ?? 0) ^ 0x01;

    const error = await expectDecryptionError(service.decryptBatch(STACK_A, [good, bad]));

    expect(error.index).toBe(1);
    expect(error.message).toContain("Item 1 of 2");
  });
});

describe("AesCryptoService stack isolation", () => {
  test("ciphertext of stack A fails on stack B", async () => {
    const service = newService();
    const ciphertext = await service.encrypt(STACK_A, encoder.encode("only for A"));

    const error = await expectDecryptionError(service.decrypt(STACK_B, ciphertext));

    expect(error.message).toContain(STACK_B);
    expect(decoder.decode(await service.decrypt(STACK_A, ciphertext))).toBe("only for A");
  });

  test("ciphertext fails under another master key", async () => {
    const ciphertext = await newService().encrypt(STACK_A, encoder.encode("v"));

    await expectDecryptionError(newService().decrypt(STACK_A, ciphertext));
  });

  test("small key cache still decrypts every stack", async () => {
    const service = new AesCryptoService({ masterKey: generateMasterKey(), maxCachedKeys: 1 });
    const stacks = [STACK_A, STACK_B, "stack-c", STACK_A, "stack-d", STACK_B];

    const ciphertexts = await Promise.all(stacks.map((stack) => service.encrypt(stack, encoder.encode(stack))));

    for (const [index, stack] of stacks.entries()) {
      const ciphertext = ciphertexts[index];
      if (ciphertext === undefined) throw new Error(`missing ciphertext ${index}`);
      expect(decoder.decode(await service.decrypt(stack, ciphertext))).toBe(stack);
    }
  });

  test.each(["", "x".repeat(257)])("invalid stack id %#", async (stackId) => {
    const service = newService();

    await expect(service.encrypt(stackId, encoder.encode("v"))).rejects.toBeInstanceOf(InvalidStackIdError);
    await expect(service.decrypt(stackId, new Uint8Array(40))).rejects.toBeInstanceOf(InvalidStackIdError);
  });
});

describe("AesCryptoService tamper detection", () => {
  test("flipping any single bit of any byte fails", async () => {
    const service = newService();
    const ciphertext = await service.encrypt(STACK_A, encoder.encode("tamper me"));

    for (let position = 0; position < ciphertext.byteLength; position++) {
      for (const bit of [0x01, 0x80]) {
        const tampered = ciphertext.slice();
        tampered[position] = (tampered[position] ?? 0) ^ bit;
        await expectDecryptionError(service.decrypt(STACK_A, tampered));
      }
    }
  });

  test("every truncation fails", async () => {
    const service = newService();
    const ciphertext = await service.encrypt(STACK_A, encoder.encode("truncate me"));

    for (let length = 0; length < ciphertext.byteLength; length++) {
      await expectDecryptionError(service.decrypt(STACK_A, ciphertext.subarray(0, length)));
    }
  });

  test("appended bytes fail", async () => {
    const service = newService();
    const ciphertext = await service.encrypt(STACK_A, encoder.encode("v"));
    const extended = new Uint8Array(ciphertext.byteLength + 1);
    extended.set(ciphertext);

    await expectDecryptionError(service.decrypt(STACK_A, extended));
  });

  test("unknown version byte is named", async () => {
    const service = newService();
    const ciphertext = await service.encrypt(STACK_A, encoder.encode("v"));
    ciphertext[0] = 7;

    const error = await expectDecryptionError(service.decrypt(STACK_A, ciphertext));

    expect(error.message).toContain("unknown ciphertext format version 7");
  });

  test("error messages leak no plaintext or key", async () => {
    const masterKey = generateMasterKey();
    const service = new AesCryptoService({ masterKey });
    const plaintext = "hunter2-very-secret";
    const ciphertext = await service.encrypt(STACK_A, encoder.encode(plaintext));
    const tampered = ciphertext.slice();
    tampered[20] = (tampered[20] ?? 0) ^ 0xff;
    const versioned = ciphertext.slice();
    versioned[0] = 9;

    const errors = [
      await expectDecryptionError(service.decrypt(STACK_A, tampered)),
      await expectDecryptionError(service.decrypt(STACK_A, versioned)),
      await expectDecryptionError(service.decrypt(STACK_A, ciphertext.subarray(0, 5))),
      await expectDecryptionError(service.decrypt(STACK_B, ciphertext)),
    ];

    const secrets = [
      plaintext,
      Buffer.from(masterKey).toString("hex"),
      Buffer.from(masterKey).toString("base64"),
      Buffer.from(ciphertext).toString("hex"),
      Buffer.from(ciphertext).toString("base64"),
    ];
    for (const error of errors) {
      const text = `${error.message} ${String(error.cause ?? "")}`;
      for (const secret of secrets) {
        expect(text).not.toContain(secret);
      }
    }
  });
});

describe("AesCryptoService nonces", () => {
  test("unique across 2000 encryptions of one plaintext", async () => {
    const service = newService();
    const plaintext = encoder.encode("same every time");
    const count = 2000;

    const ciphertexts = await service.encryptBatch(
      STACK_A,
      Array.from({ length: count }, () => plaintext),
    );
    const nonces = new Set(ciphertexts.map((c) => Buffer.from(c.subarray(1, 1 + NONCE_BYTES)).toString("hex")));
    const bodies = new Set(ciphertexts.map((c) => Buffer.from(c).toString("hex")));

    expect(nonces.size).toBe(count);
    expect(bodies.size).toBe(count);
  });
});

describe("AesCryptoService master key", () => {
  test.each([0, 16, 31, 33, 64])("rejects a %d-byte key", (length) => {
    const create = () => new AesCryptoService({ masterKey: new Uint8Array(length) });

    expect(create).toThrow(InvalidMasterKeyError);
    expect(create).toThrow(`expected exactly 32 bytes, got ${length}`);
  });

  test.each([0, -1, 1.5])("rejects maxCachedKeys %p", (maxCachedKeys) => {
    expect(() => new AesCryptoService({ masterKey: generateMasterKey(), maxCachedKeys })).toThrow(RangeError);
  });
});
