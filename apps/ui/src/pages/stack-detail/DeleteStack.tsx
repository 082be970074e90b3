import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";

import { useTRPC } from "../../api/trpc.ts";
import { InlineError } from "../../components/ErrorState.tsx";
import type { StackAddress } from "./types.ts";

/** Admin-only stack deletion; the user types the stack name to confirm, as a guard against the wrong tab. */
export function DeleteStack({ address, resourceCount }: { address: StackAddress; resourceCount: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [confirmation, setConfirmation] = useState("");
  const remove = useMutation(
    trpc.stacks.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.stacks.pathKey() });
        navigate(`/${encodeURIComponent(address.org)}`);
      },
    }),
  );

  if (!open) {
    return (
      <button type="button" className="button danger" onClick={() => setOpen(true)}>
        Delete stack
      </button>
    );
  }
  return (
    <form
      className="confirm-box"
      onSubmit={(event) => {
        event.preventDefault();
        remove.mutate({ ...address, force: resourceCount > 0 });
      }}
    >
      <p>
        {resourceCount > 0
          ? `This stack still tracks ${resourceCount} resources. Deleting it forgets them without destroying them (like pulumi stack rm --force).`
          : "This deletes the stack and its history."}{" "}
        Type <strong className="mono">{address.stack}</strong> to confirm.
      </p>
      <input aria-label="Stack name to confirm" value={confirmation} onChange={(event) => setConfirmation(event.target.value)} />
      <div className="button-row">
        <button type="submit" className="button danger" disabled={confirmation !== address.stack || remove.isPending}>
          {remove.isPending ? "Deleting…" : "Delete"}
        </button>
        <button type="button" className="button ghost" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
      <InlineError error={remove.error} />
    </form>
  );
}
