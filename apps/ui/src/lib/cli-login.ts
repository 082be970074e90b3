/**
 * The Pulumi CLI's browser login (pkg/backend/httpstate/backend.go,
 * loginWithBrowser, v3.276.0): the CLI listens on 127.0.0.1 at a port the
 * kernel picks, opens `/cli-login?cliSessionPort=<port>&cliSessionNonce=<nonce>
 * &cliSessionDescription=<text>`, and waits for the browser to come back to
 * `http://127.0.0.1:<port>/?accessToken=<token>&nonce=<nonce>`. The nonce is
 * 32 random bytes in lowercase hex.
 */
export interface CliLoginRequest {
  port: number;
  nonce: string;
  /** Label the CLI suggests for the new token: command, host name and time. */
  description: string;
  /** The CLI command that started the login, such as `pulumi new`, when the CLI sent one. */
  command?: string;
}

export type CliLoginParse = { ok: true; request: CliLoginRequest } | { ok: false; problem: string };

const portPattern = /^[1-9][0-9]{0,4}$/;
const noncePattern = /^[0-9a-f]{64}$/;
export const maxDescriptionLength = 200;

/** Validates the query of a /cli-login URL; anything not in the CLI's form is rejected with the reason. */
export function parseCliLogin(search: URLSearchParams): CliLoginParse {
  const portText = search.get("cliSessionPort") ?? "";
  const nonce = search.get("cliSessionNonce") ?? "";
  if (!portPattern.test(portText) || Number(portText) > 65535) {
    return { ok: false, problem: "The login link has no valid cliSessionPort: expected a port number from 1 to 65535." };
  }
  if (!noncePattern.test(nonce)) {
    return { ok: false, problem: "The login link has no valid cliSessionNonce: expected 64 lowercase hexadecimal characters." };
  }
  const description = (search.get("cliSessionDescription") ?? "").trim().slice(0, maxDescriptionLength);
  const command = search.get("cliCommand")?.trim().slice(0, 100) || undefined;
  return {
    ok: true,
    request: { port: Number(portText), nonce, description: description || "Pulumi CLI", command },
  };
}

/** The CLI's loopback callback carrying the token; always 127.0.0.1, which is where the CLI listens. */
export function cliCallbackUrl(request: CliLoginRequest, accessToken: string): string {
  const url = new URL(`http://127.0.0.1:${request.port}/`);
  url.searchParams.set("accessToken", accessToken);
  url.searchParams.set("nonce", request.nonce);
  return url.toString();
}
