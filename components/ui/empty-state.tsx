export type EmptyStateProps = {
  title: string;
  /** What to do next: the sentence people need when there is nothing to show. */
  children: React.ReactNode;
  action?: React.ReactNode;
};

/** Shown instead of an empty table or chart: says why it is empty and what to do. */
export function EmptyState({ title, children, action }: EmptyStateProps) {
  return (
    <div className="empty-state" role="status">
      <h2 className="empty-state-title">{title}</h2>
      <div className="empty-state-body">{children}</div>
      {action ? <div className="empty-state-action">{action}</div> : null}
    </div>
  );
}
