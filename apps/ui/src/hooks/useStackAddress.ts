import { useParams } from "react-router";

/** Returns the org, project and stack names of the current route; empty strings when a segment is missing. */
export function useStackAddress() {
  const params = useParams();
  return { org: params.org ?? "", project: params.project ?? "", stack: params.stack ?? "" };
}

export function stackPath(address: { org: string; project: string; stack: string }): string {
  return `/${encodeURIComponent(address.org)}/${encodeURIComponent(address.project)}/${encodeURIComponent(address.stack)}`;
}

/** Link to an update page: by version for real updates (the CLI's permalink form), by id for previews. */
export function updatePath(
  address: { org: string; project: string; stack: string },
  update: { id: string; version: number | null; dryRun: boolean },
): string {
  if (update.dryRun || update.version === null) {
    return `${stackPath(address)}/previews/${update.id}`;
  }
  return `${stackPath(address)}/updates/${update.version}`;
}
