import { useQuery } from "@tanstack/react-query";

import { useTRPC } from "../api/trpc.ts";

const rank = { viewer: 0, member: 1, admin: 2 } as const;
export type Role = keyof typeof rank;

/** Reports whether the signed-in user has at least `required` in `org`; the server checks again on every action. */
export function useHasRole(org: string, required: Role): boolean {
  const trpc = useTRPC();
  const me = useQuery(trpc.session.me.queryOptions(undefined, { staleTime: 60_000 }));
  const role = me.data?.memberships.find((membership) => membership.orgName === org)?.role;
  return role !== undefined && rank[role] >= rank[required];
}
