import { Fragment } from "react";
import { ERASED, MASKED } from "@/lib/schema/pii-markers";

// Personal data the viewer may not see arrives as these strings; they get a pill, not quotes.
const PII_PILLS: Record<string, { className: string; title: string }> = {
  [MASKED]: { className: "pii pii-masked", title: "Personal data, masked: you may not see it in clear" },
  [ERASED]: { className: "pii pii-erased", title: "Personal data erased: the subject's key was destroyed" },
};

const INDENT = "  ";

/** Pretty-printed JSON as React text (so every string is escaped), with masked and erased PII marked. */
export function JsonView({ value, label }: { value: unknown; label: string }) {
  return (
    <pre className="json" aria-label={label} tabIndex={0}>
      <JsonNode value={value} depth={0} />
    </pre>
  );
}

function JsonNode({ value, depth }: { value: unknown; depth: number }): React.ReactNode {
  if (value === null || value === undefined) return <span className="j-null">null</span>;
  if (typeof value === "string") {
    const pill = PII_PILLS[value];
    if (pill) return <span className={pill.className} title={pill.title}>{value}</span>;
    return <span className="j-str">{JSON.stringify(value)}</span>;
  }
  if (typeof value === "number") return <span className="j-num">{String(value)}</span>;
  if (typeof value === "boolean") return <span className="j-bool">{String(value)}</span>;
  const pad = INDENT.repeat(depth + 1);
  const close = INDENT.repeat(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return (
      <>
        {"[\n"}
        {value.map((item, i) => (
          <Fragment key={i}>
            {pad}
            <JsonNode value={item} depth={depth + 1} />
            {i < value.length - 1 ? ",\n" : "\n"}
          </Fragment>
        ))}
        {close}]
      </>
    );
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return "{}";
  return (
    <>
      {"{\n"}
      {entries.map(([key, item], i) => (
        <Fragment key={key}>
          {pad}
          <span className="j-key">{JSON.stringify(key)}</span>
          {": "}
          <JsonNode value={item} depth={depth + 1} />
          {i < entries.length - 1 ? ",\n" : "\n"}
        </Fragment>
      ))}
      {close}
      {"}"}
    </>
  );
}

/** One line of compact JSON, cut to `max` characters, for a collapsed row. */
export function jsonPreview(value: unknown, max = 160): string {
  const text = JSON.stringify(value) ?? "";
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
