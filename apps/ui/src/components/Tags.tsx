import { useState } from "react";

import { InlineError } from "./ErrorState.tsx";

/** Tags as small `name: value` chips; the `pulumi:` tags the CLI sets are shown too. */
export function TagList({ tags }: { tags: Record<string, string> }) {
  const entries = Object.entries(tags).sort(([left], [right]) => left.localeCompare(right));
  if (entries.length === 0) {
    return null;
  }
  return (
    <ul className="tag-list" aria-label="Tags">
      {entries.map(([name, value]) => (
        <li key={name} className="tag">
          <span className="tag-name">{name}</span>
          {value ? <span className="tag-value">{value}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** Edits the full tag set: remove any tag, add one; saving replaces the stack's tags. */
export function TagEditor({
  tags,
  onSave,
  saving,
  error,
}: {
  tags: Record<string, string>;
  onSave: (tags: Record<string, string>) => void;
  saving: boolean;
  error: unknown;
}) {
  const [draft, setDraft] = useState(tags);
  const [name, setName] = useState("");
  const [value, setValue] = useState("");
  const changed = JSON.stringify(draft) !== JSON.stringify(tags);

  const add = () => {
    const trimmed = name.trim();
    if (trimmed === "") {
      return;
    }
    setDraft({ ...draft, [trimmed]: value.trim() });
    setName("");
    setValue("");
  };
  const remove = (tag: string) => {
    const next = { ...draft };
    delete next[tag];
    setDraft(next);
  };

  return (
    <div className="tag-editor">
      <ul className="tag-list editable" aria-label="Tags">
        {Object.entries(draft)
          .sort(([left], [right]) => left.localeCompare(right))
          .map(([tag, tagValue]) => (
            <li key={tag} className="tag">
              <span className="tag-name">{tag}</span>
              {tagValue ? <span className="tag-value">{tagValue}</span> : null}
              <button type="button" className="tag-remove" aria-label={`Remove tag ${tag}`} onClick={() => remove(tag)}>
                ×
              </button>
            </li>
          ))}
      </ul>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          add();
        }}
      >
        <input aria-label="Tag name" placeholder="name" value={name} onChange={(event) => setName(event.target.value)} maxLength={40} />
        <input aria-label="Tag value" placeholder="value" value={value} onChange={(event) => setValue(event.target.value)} maxLength={256} />
        <button type="submit" className="button small">
          Add
        </button>
        <button type="button" className="button small primary" disabled={!changed || saving} onClick={() => onSave(draft)}>
          {saving ? "Saving…" : "Save tags"}
        </button>
      </form>
      <InlineError error={error} />
    </div>
  );
}
