import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";

import type { AppRouter } from "@procella/api";

import { getToken } from "../session/token-store.ts";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** Procedures per batched request; the server rejects larger batches. */
const maxBatchSize = 20;

/** Creates the tRPC client of the dashboard API at /trpc on this origin, authenticated with the stored token. */
export function createApiClient() {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: "/trpc",
        maxItems: maxBatchSize,
        maxURLLength: 4000,
        headers() {
          const token = getToken();
          return token ? { Authorization: `token ${token}` } : {};
        },
      }),
    ],
  });
}

export type ApiClient = ReturnType<typeof createApiClient>;
