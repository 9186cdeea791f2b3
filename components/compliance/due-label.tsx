import { dueUrgency } from "@/lib/compliance/erasure-states";
import { formatDateTime, formatRelativeTime } from "@/lib/format";

/** "in 12 days" (the exact time on hover), red when overdue, amber within 7 days. */
export function DueLabel({ dueAt, open }: { dueAt: string; open: boolean }) {
  const urgency = dueUrgency(dueAt, open);
  return (
    <time dateTime={dueAt} title={formatDateTime(dueAt)} className={`due${urgency ? ` due-${urgency}` : ""}`}>
      {urgency === "overdue" ? `overdue (${formatRelativeTime(dueAt)})` : formatRelativeTime(dueAt)}
    </time>
  );
}
