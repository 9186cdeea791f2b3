export type PageHeaderProps = {
  title: React.ReactNode;
  description?: React.ReactNode;
  /** Small text above the title, e.g. the area a detail page belongs to. */
  eyebrow?: React.ReactNode;
  actions?: React.ReactNode;
};

/** The top of every page: one h1, an optional line of context, and actions on the right. */
export function PageHeader({ title, description, eyebrow, actions }: PageHeaderProps) {
  return (
    <header className="page-header">
      <div className="page-header-text">
        {eyebrow ? <div className="page-eyebrow">{eyebrow}</div> : null}
        <h1 className="page-title">{title}</h1>
        {description ? <p className="page-description">{description}</p> : null}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </header>
  );
}
