/**
 * Advisory lock ids. Postgres advisory locks are keyed by a 64-bit integer;
 * each background job of Procella has a fixed id so replicas agree on it.
 */
export const advisoryLocks = {
  migrations: 0x70726f63_00000001n,
  updatesGc: 0x70726f63_00000002n,
} as const;
