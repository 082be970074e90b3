import { typePackage } from "../lib/format.ts";

const palette = ["#4f46e5", "#0891b2", "#059669", "#d97706", "#dc2626", "#7c3aed", "#db2777", "#2563eb"];

function colorFor(name: string): string {
  let hash = 0;
  for (const character of name) {
    hash = (hash * 31 + character.charCodeAt(0)) >>> 0;
  }
  return palette[hash % palette.length] ?? "#4f46e5";
}

/** Renders a small square with the first letter of the type's package, coloured per package. */
export function TypeIcon({ type }: { type: string }) {
  const pkg = typePackage(type);
  const isStack = type === "pulumi:pulumi:Stack";
  return (
    <span className="type-icon" style={{ background: isStack ? "#111827" : colorFor(pkg) }} aria-hidden="true">
      {isStack ? "S" : (pkg[0] ?? "?").toUpperCase()}
    </span>
  );
}
