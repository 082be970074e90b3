import { useState } from "react";

/** Copies `text` to the clipboard and shows whether that worked. */
export function CopyButton({ text: value, label = "Copy" }: { text: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      setState("failed");
    }
  };
  let text = label;
  if (state === "copied") {
    text = "Copied";
  } else if (state === "failed") {
    text = "Copy failed: select the text";
  }
  return (
    <button type="button" className="button small" onClick={copy}>
      {text}
    </button>
  );
}
