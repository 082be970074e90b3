import { createTRPCClient, httpBatchLink } from "@trpc/client";

import type { AppRouter } from "@procella/api";

/** Checks a token the user typed by asking the server who it belongs to; throws the server's error when it is rejected. */
export async function verifyToken(token: string) {
  const client = createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: "/trpc", headers: () => ({ Authorization: `token ${token}` }) })],
  });
  return client.session.me.query();
}
