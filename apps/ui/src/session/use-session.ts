import { useSyncExternalStore } from "react";

import { getToken, subscribeToken } from "./token-store.ts";

/** Returns the stored access token, or null when signed out, and re-renders when it changes. */
export function useToken(): string | null {
  return useSyncExternalStore(subscribeToken, getToken);
}
