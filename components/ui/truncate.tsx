import type { ReactNode } from "react";

export type TruncateWidth = "id" | "type" | "text" | "short";

/**
 * A long value on one line, cut with an ellipsis at a width chosen by what it is. The full value
 * stays in the text (screen readers and copy read all of it) and shows as the tooltip.
 */
export function Truncate({ text, width = "text", className, children }: { text: string; width?: TruncateWidth; className?: string; children?: ReactNode }) {
  return (
    <span className={`truncate truncate-${width}${className ? ` ${className}` : ""}`} title={text}>
      {children ?? text}
    </span>
  );
}
