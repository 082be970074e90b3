/**
 * The dev-mode session: the access token in local storage, sent as
 * `Authorization: token ...` on every API call. Components subscribe with
 * useSyncExternalStore; a change in another tab is picked up through the
 * storage event.
 */
const storageKey = "procella.accessToken";

type Listener = () => void;
const listeners = new Set<Listener>();

function notify(): void {
  for (const listener of listeners) {
    listener();
  }
}

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    // Local storage is unavailable when the browser blocks site data; the session then lasts for this page only.
    return undefined;
  }
}

let memoryToken: string | null = null;

export function getToken(): string | null {
  return storage()?.getItem(storageKey) ?? memoryToken;
}

export function setToken(token: string): void {
  memoryToken = token;
  storage()?.setItem(storageKey, token);
  notify();
}

export function clearToken(): void {
  memoryToken = null;
  storage()?.removeItem(storageKey);
  notify();
}

export function subscribeToken(listener: Listener): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === storageKey || event.key === null) {
      listener();
    }
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}
