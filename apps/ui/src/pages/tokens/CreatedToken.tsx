import { CopyButton } from "../../components/CopyButton.tsx";

/** Shows the new token's value once, because the server keeps only its hash. */
export function CreatedToken({ name, token, onDone }: { name: string; token: string; onDone: () => void }) {
  return (
    <div className="banner success created-token" role="status">
      <p>
        Token <strong>{name}</strong> created. Copy it now: this is the only time it is shown.
      </p>
      <div className="token-value-row">
        <input className="mono token-value" readOnly value={token} aria-label="New token value" onFocus={(event) => event.target.select()} />
        <CopyButton text={token} />
        <button type="button" className="button small ghost" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}
