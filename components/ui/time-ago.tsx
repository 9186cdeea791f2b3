import { formatDateTime, formatRelativeTime } from "@/lib/format";

/** A relative time ("3 hours ago", as of this render) with the exact UTC time, to the microsecond, on hover. */
export function TimeAgo({ time }: { time: string | null | undefined }) {
  if (!time) return <span className="muted">—</span>;
  return (
    <time dateTime={time} title={formatDateTime(time, { micro: true })}>
      {formatRelativeTime(time)}
    </time>
  );
}
