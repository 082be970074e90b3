import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { useTRPC } from "../../api/trpc.ts";
import { InlineError } from "../../components/ErrorState.tsx";

/** Cancels the running update, as `pulumi cancel` does, after a second click to confirm. */
export function CancelUpdate({ address, updateId }: { address: { org: string; project: string; stack: string }; updateId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const cancel = useMutation(
    trpc.updates.cancel.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.updates.pathKey() }),
    }),
  );
  return (
    <div className="cancel-update">
      {confirming ? (
        <div className="button-row">
          <span>Cancel this update? The CLI stops at its next step.</span>
          <button type="button" className="button danger" disabled={cancel.isPending} onClick={() => cancel.mutate({ ...address, updateId })}>
            {cancel.isPending ? "Cancelling…" : "Cancel update"}
          </button>
          <button type="button" className="button ghost" onClick={() => setConfirming(false)}>
            Keep running
          </button>
        </div>
      ) : (
        <button type="button" className="button" onClick={() => setConfirming(true)}>
          Cancel update…
        </button>
      )}
      <InlineError error={cancel.error} />
    </div>
  );
}
