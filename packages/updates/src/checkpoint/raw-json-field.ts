import { InvalidJsonError } from "./errors.ts";

/**
 * Extraction of one top-level value from a JSON request body as the exact bytes it was
 * sent with, for `PATCH …/checkpointverbatim`.
 *
 * Later checkpoint deltas give byte offsets into the `untypedDeployment` text of the last
 * save, and their hash covers the full text, so the server must store that value
 * byte for byte. Parsing and re-serialising it would change key order, number spelling or
 * escapes and break every later delta.
 *
 * Assumptions, from the CLI source (pkg/backend/httpstate, read at v3.259.0):
 * - The CLI builds the deployment text without whitespace and embeds it with Go's
 *   `json.Marshal`, which copies an embedded raw value after compacting it. The bytes of
 *   the value therefore equal the text the CLI diffs against, unless compacting also
 *   escapes `<`, `>`, `&`, U+2028 or U+2029 that the CLI's encoder left unescaped.
 *   NOTE: that last point is an inference not yet confirmed against a recorded request.
 *   If it fails, hash checks fail and the CLI falls back to full uploads.
 * - Key order of the outer object does not matter, because the field is found wherever it is.
 * - Whitespace around the value is not part of it. Whitespace inside it is kept as sent.
 */

/** Maximum nesting of arrays and objects, the limit of Go's encoding/json decoder. */
export const maxJsonNestingDepth = 10000;

const quote = 0x22;
const backslash = 0x5c;
const comma = 0x2c;
const colon = 0x3a;
const openBrace = 0x7b;
const closeBrace = 0x7d;
const openBracket = 0x5b;
const closeBracket = 0x5d;

/**
 * Returns the exact bytes of the value of `field` in the top-level JSON object `body`, or
 * undefined when the object has no such key. The result is a view into `body`, so copy it
 * if `body` will be reused.
 *
 * The whole body is validated in one linear pass. Throws InvalidJsonError when the body is
 * not valid JSON, is not an object, nests deeper than `maxJsonNestingDepth`, or names the
 * field more than once (JSON readers disagree on which copy wins). Key comparison is exact
 * and case-sensitive, after resolving escapes.
 *
 * @example
 * const text = extractRawJsonField(gunzippedBody, "untypedDeployment");
 */
export function extractRawJsonField(body: Uint8Array, field: string): Uint8Array | undefined {
  const scanner = new JsonScanner(body);
  const fieldBytes = new TextEncoder().encode(field);
  let found: { start: number; end: number } | undefined;

  scanner.skipWhitespace();
  scanner.expect(openBrace, "the request body to be a JSON object");
  scanner.skipWhitespace();
  if (scanner.peek() === closeBrace) {
    scanner.position++;
  } else {
    for (;;) {
      const keyStart = scanner.position;
      scanner.scanString();
      const keyEnd = scanner.position;
      scanner.skipWhitespace();
      scanner.expect(colon, "':' after an object key");
      scanner.skipWhitespace();
      const valueStart = scanner.position;
      scanner.scanValue(1);
      if (keyEquals(body, keyStart, keyEnd, fieldBytes, field)) {
        if (found !== undefined) {
          throw new InvalidJsonError(`Invalid JSON request body: the key "${field}" appears more than once.`, keyStart);
        }
        found = { start: valueStart, end: scanner.position };
      }
      scanner.skipWhitespace();
      if (scanner.peek() === comma) {
        scanner.position++;
        scanner.skipWhitespace();
        continue;
      }
      scanner.expect(closeBrace, "',' or '}' after an object member");
      break;
    }
  }
  scanner.skipWhitespace();
  if (scanner.position !== body.length) {
    scanner.fail("the end of the body after the top-level object");
  }

  return found === undefined ? undefined : body.subarray(found.start, found.end);
}

/** Compares the JSON string token at [start, end) (quotes included) with a key. */
function keyEquals(body: Uint8Array, start: number, end: number, fieldBytes: Uint8Array, field: string): boolean {
  const raw = body.subarray(start + 1, end - 1);
  if (!raw.includes(backslash)) {
    return raw.length === fieldBytes.length && raw.every((byte, index) => byte === fieldBytes[index]);
  }
  // Keys with escapes are rare, and decoding them with the standard parser keeps this exact.
  return JSON.parse(new TextDecoder().decode(body.subarray(start, end))) === field;
}

/** A validating single-pass JSON scanner over bytes that records positions only. */
class JsonScanner {
  position = 0;

  constructor(private readonly bytes: Uint8Array) {}

  peek(): number | undefined {
    return this.bytes[this.position];
  }

  fail(expected: string): never {
    const found = this.peek();
    const foundDescription = found === undefined ? "the end of the body" : `byte 0x${found.toString(16).padStart(2, "0")}`;
    throw new InvalidJsonError(
      `Invalid JSON request body at byte ${this.position}: expected ${expected}, found ${foundDescription}.`,
      this.position,
    );
  }

  expect(byte: number, expected: string): void {
    if (this.peek() !== byte) {
      this.fail(expected);
    }
    this.position++;
  }

  skipWhitespace(): void {
    for (;;) {
      const byte = this.peek();
      if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) {
        return;
      }
      this.position++;
    }
  }

  /** Scans a string token starting at its opening quote. */
  scanString(): void {
    this.expect(quote, "a string");
    for (;;) {
      const byte = this.peek();
      if (byte === undefined) {
        this.fail("a closing '\"'");
      }
      if (byte === quote) {
        this.position++;
        return;
      }
      if (byte < 0x20) {
        this.fail("an escaped control character");
      }
      if (byte === backslash) {
        this.position++;
        this.scanEscape();
      } else {
        this.position++;
      }
    }
  }

  private scanEscape(): void {
    const byte = this.peek();
    // " \ / b f n r t
    if (byte === 0x22 || byte === 0x5c || byte === 0x2f || byte === 0x62 || byte === 0x66 || byte === 0x6e || byte === 0x72 || byte === 0x74) {
      this.position++;
      return;
    }
    if (byte !== 0x75) {
      this.fail("a valid escape sequence");
    }
    this.position++;
    for (let i = 0; i < 4; i++) {
      if (!isHexDigit(this.peek())) {
        this.fail("four hex digits after \\u");
      }
      this.position++;
    }
  }

  /**
   * Scans one value of any kind. Containers are tracked on an explicit stack, so deeply
   * nested input cannot exhaust the call stack. `depth` is the nesting of the value's parent.
   */
  scanValue(depth: number): void {
    const open: number[] = [];
    for (;;) {
      this.skipWhitespace();
      const byte = this.peek();
      if (byte === openBrace || byte === openBracket) {
        if (depth + open.length >= maxJsonNestingDepth) {
          this.fail(`nesting of at most ${maxJsonNestingDepth} arrays and objects`);
        }
        this.position++;
        open.push(byte);
        this.skipWhitespace();
        const close = byte === openBrace ? closeBrace : closeBracket;
        if (this.peek() === close) {
          this.position++;
          open.pop();
        } else {
          if (byte === openBrace) {
            this.scanMemberKey();
          }
          continue;
        }
      } else if (byte === quote) {
        this.scanString();
      } else if (byte === 0x2d || isDigit(byte)) {
        this.scanNumber();
      } else if (byte === 0x74) {
        this.scanLiteral("true");
      } else if (byte === 0x66) {
        this.scanLiteral("false");
      } else if (byte === 0x6e) {
        this.scanLiteral("null");
      } else {
        this.fail("a JSON value");
      }

      // After a complete value: close finished containers, or move on to the next element.
      for (;;) {
        const container = open[open.length - 1];
        if (container === undefined) {
          return;
        }
        this.skipWhitespace();
        const next = this.peek();
        if (next === comma) {
          this.position++;
          if (container === openBrace) {
            this.skipWhitespace();
            this.scanMemberKey();
          }
          break;
        }
        if ((container === openBrace && next === closeBrace) || (container === openBracket && next === closeBracket)) {
          this.position++;
          open.pop();
          continue;
        }
        this.fail(container === openBrace ? "',' or '}' in an object" : "',' or ']' in an array");
      }
    }
  }

  /** Scans `"key" :` inside an object. */
  private scanMemberKey(): void {
    this.scanString();
    this.skipWhitespace();
    this.expect(colon, "':' after an object key");
  }

  private scanNumber(): void {
    if (this.peek() === 0x2d) {
      this.position++;
    }
    if (this.peek() === 0x30) {
      this.position++;
    } else {
      this.scanDigits();
    }
    if (this.peek() === 0x2e) {
      this.position++;
      this.scanDigits();
    }
    if (this.peek() === 0x65 || this.peek() === 0x45) {
      this.position++;
      if (this.peek() === 0x2b || this.peek() === 0x2d) {
        this.position++;
      }
      this.scanDigits();
    }
  }

  private scanDigits(): void {
    if (!isDigit(this.peek())) {
      this.fail("a digit");
    }
    while (isDigit(this.peek())) {
      this.position++;
    }
  }

  private scanLiteral(literal: string): void {
    for (let i = 0; i < literal.length; i++) {
      if (this.peek() !== literal.charCodeAt(i)) {
        this.fail(`the literal ${literal}`);
      }
      this.position++;
    }
  }
}

function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x30 && byte <= 0x39;
}

function isHexDigit(byte: number | undefined): boolean {
  return (
    byte !== undefined && ((byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66))
  );
}
