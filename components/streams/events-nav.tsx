import Link from "next/link";
import { streamHref } from "./stream-href";
import { queryString } from "@/lib/search-params";

export type EventOrder = "newest" | "oldest";

/** Newest-first / oldest-first switch; each choice is a link, the chosen one marked current. */
export function OrderToggle({ streamId, order }: { streamId: string; order: EventOrder }) {
  const options: { value: EventOrder; label: string }[] = [
    { value: "newest", label: "Newest first" },
    { value: "oldest", label: "Oldest first" },
  ];
  return (
    <nav className="segmented" aria-label="Order of events">
      {options.map((o) => (
        <Link
          key={o.value}
          href={streamHref(streamId, queryString({ order: o.value === "newest" ? undefined : o.value }))}
          aria-current={o.value === order ? "page" : undefined}
          className="segmented-item"
        >
          {o.label}
        </Link>
      ))}
    </nav>
  );
}

export type EventsPagerProps = {
  streamId: string;
  order: EventOrder;
  /** The version this page starts from; undefined on the first page. */
  from?: number;
  next: number | null;
  version: number;
  pageSize: number;
};

/** Links to the previous, first and next page of a stream's events. */
export function EventsPager({ streamId, order, from, next, version, pageSize }: EventsPagerProps) {
  const href = (start?: number) =>
    streamHref(streamId, queryString({ order: order === "oldest" ? "oldest" : undefined, from: start }));
  // Versions are dense (1..version), so the previous page starts exactly one page away.
  const prevFrom = from === undefined ? undefined : order === "newest" ? from + pageSize : from - pageSize;
  const prevIsFirst = prevFrom !== undefined && (order === "newest" ? prevFrom >= version : prevFrom <= 1);
  // A stream that fits on one page needs no pager.
  if (from === undefined && next === null) return null;
  return (
    <nav className="pager" aria-label="Pages of events">
      <span className="pager-group">
        {from !== undefined ? (
          <>
            {prevIsFirst ? null : <Link href={href()}>{order === "newest" ? "Newest" : "Oldest"}</Link>}
            <Link href={href(prevIsFirst ? undefined : prevFrom)} rel="prev" className="button">
              {order === "newest" ? "Newer events" : "Earlier events"}
            </Link>
          </>
        ) : null}
      </span>
      {next !== null ? (
        <Link href={href(next)} rel="next" className="button">
          {order === "newest" ? "Older events" : "Later events"}
        </Link>
      ) : (
        <span className="muted">{order === "newest" ? "This is the first event of the stream" : "This is the newest event"}</span>
      )}
    </nav>
  );
}
