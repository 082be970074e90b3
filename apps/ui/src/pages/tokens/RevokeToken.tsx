import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { useTRPC } from "../../api/trpc.ts";
import { InlineError } from "../../components/ErrorState.tsx";

/** Revoke button with an inline confirmation; a revoked token stops working at once. */
export function RevokeToken({ id, name }: { id: string; name: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const revoke = useMutation(
    trpc.tokens.revoke.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.tokens.list.queryKey() }),
    }),
  );
  if (!confirming) {
    return (
      <button type="button" className="button small" onClick={() => setConfirming(true)} aria-label={`Revoke ${name}`}>
        Revoke
      </button>
    );
  }
  return (
    <div className="button-row">
      <button type="button" className="button small danger" disabled={revoke.isPending} onClick={() => revoke.mutate({ id })}>
        {revoke.isPending ? "Revoking…" : "Confirm revoke"}
      </button>
      <button type="button" className="button small ghost" onClick={() => setConfirming(false)}>
        Keep
      </button>
      <InlineError error={revoke.error} />
    </div>
  );
}
