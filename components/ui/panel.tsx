import { useId } from "react";

export type PanelProps = {
  title: string;
  /** A short line under the title (what the numbers cover). */
  subtitle?: React.ReactNode;
  action?: React.ReactNode;
  children: React.ReactNode;
  /** Drops the inner padding for edge-to-edge tables. */
  flush?: boolean;
  className?: string;
};

/** A titled card; the section is labelled by its heading for screen readers. */
export function Panel({ title, subtitle, action, children, flush, className }: PanelProps) {
  const id = useId();
  return (
    <section className={`panel${className ? ` ${className}` : ""}`} aria-labelledby={id}>
      <div className="panel-header">
        <div>
          <h2 id={id} className="panel-title">
            {title}
          </h2>
          {subtitle ? <p className="panel-subtitle">{subtitle}</p> : null}
        </div>
        {action ? <div className="panel-action">{action}</div> : null}
      </div>
      <div className={flush ? "panel-body panel-body-flush" : "panel-body"}>{children}</div>
    </section>
  );
}
