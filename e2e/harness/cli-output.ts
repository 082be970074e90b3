/**
 * Names of the resources the CLI's non-interactive display reported as
 * `created` (including `created replacement`), e.g. from the line
 * ` +  random:index:RandomString word created (0.01s)`.
 */
export function createdResourceNames(stdout: string): string[] {
  const names = new Set<string>();
  for (const match of stdout.matchAll(/^\s*\+\+?\s+\S+\s+(\S+)\s+created\b/gm)) {
    if (match[1]) {
      names.add(match[1]);
    }
  }
  return [...names];
}
