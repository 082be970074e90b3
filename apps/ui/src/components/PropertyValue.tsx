import type { ReactNode } from "react";

import { type DisplayValue, isSecretValue } from "@procella/api/display";

/** Renders the placeholder for a masked secret, as the CLI prints it. */
export function SecretPlaceholder() {
  return (
    <span className="secret" title="Secret value; the dashboard never shows secrets">
      [secret]
    </span>
  );
}

/**
 * Renders a property value as indented JSON, with each secret shown as
 * [secret]. Values are rendered as React text, so markup in them is shown,
 * never interpreted.
 */
export function PropertyValue({ value }: { value: DisplayValue | undefined }) {
  return <span className="property-value">{renderValue(value, 0)}</span>;
}

function renderValue(value: DisplayValue | undefined, indent: number): ReactNode {
  if (value === undefined) {
    return <span className="muted">undefined</span>;
  }
  if (isSecretValue(value)) {
    return <SecretPlaceholder />;
  }
  if (value === null || typeof value !== "object") {
    return <span className={`json-${value === null ? "null" : typeof value}`}>{JSON.stringify(value)}</span>;
  }
  const pad = "  ".repeat(indent + 1);
  const closePad = "  ".repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) {
      return "[]";
    }
    return (
      <>
        {"[\n"}
        {value.map((item, index) => (
          <span key={index}>
            {pad}
            {renderValue(item, indent + 1)}
            {index < value.length - 1 ? ",\n" : "\n"}
          </span>
        ))}
        {`${closePad}]`}
      </>
    );
  }
  const entries = Object.entries(value);
  if (entries.length === 0) {
    return "{}";
  }
  return (
    <>
      {"{\n"}
      {entries.map(([key, item], index) => (
        <span key={key}>
          {pad}
          <span className="json-key">{JSON.stringify(key)}</span>
          {": "}
          {renderValue(item, indent + 1)}
          {index < entries.length - 1 ? ",\n" : "\n"}
        </span>
      ))}
      {`${closePad}}`}
    </>
  );
}
