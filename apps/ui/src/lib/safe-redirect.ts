/**
 * Returns `next` when it is a path on this site, else "/". Login pages take
 * a `next` parameter from the URL, so anything else would be an open
 * redirect.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
    return "/";
  }
  return next;
}
