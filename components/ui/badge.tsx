export type BadgeTone = "neutral" | "info" | "warning" | "danger" | "success";

export type BadgeProps = { tone?: BadgeTone; title?: string; children: React.ReactNode };

/** A small label next to a value (unregistered type, upcast, not built yet). */
export function Badge({ tone = "neutral", title, children }: BadgeProps) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}
