"use client";

import { useState } from "react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { formatDateTime, formatInteger } from "@/lib/format";
import { fetchApi, streamApiPath } from "@/lib/browser/api-client";
import type { EventView } from "@/lib/stream-page/types";

type ColdPage = { events: EventView[]; next: number | null; cold?: { events: number; ms: number } };

const PAGE = 100;

/**
 * "N older events are archived — load them": the stream's archived range on request, page by
 * page from cold storage, each event marked cold, with how long the read took.
 */
export function ArchivedEvents({ streamId, archivedThrough }: { streamId: string; archivedThrough: number }) {
  const [events, setEvents] = useState<EventView[]>([]);
  const [reads, setReads] = useState<{ server: number; total: number } | null>(null);
  const [next, setNext] = useState<number | null>(1);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = async () => {
    if (next === null || next > archivedThrough) return;
    setLoading(true);
    setError(null);
    const started = performance.now();
    try {
      const limit = Math.min(PAGE, archivedThrough - next + 1);
      const page = await fetchApi<ColdPage>(streamApiPath(streamId, "events", { fromVersion: next, limit, includeArchived: "true" }));
      setEvents((all) => [...all, ...page.events]);
      setReads({ server: page.cold?.ms ?? 0, total: Math.round(performance.now() - started) });
      setNext(page.next !== null && page.next <= archivedThrough ? page.next : null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setLoading(false);
    }
  };

  const more = next !== null && next <= archivedThrough;
  return (
    <section className="archive-notice" aria-label="Archived events">
      <p>
        <Badge tone="info">archived</Badge> {formatInteger(archivedThrough)} older event{archivedThrough === 1 ? " is" : "s are"} archived (versions 1–{formatInteger(archivedThrough)}): the
        time machine reads them from cold storage when you move into them.{" "}
        {events.length === 0 ? (
          <button type="button" className="button button-small" onClick={load} disabled={loading}>
            {loading ? "Loading…" : "load them"}
          </button>
        ) : null}
      </p>
      {error ? <p className="form-error" role="alert">{error}</p> : null}
      {events.length > 0 ? (
        <>
          <p className="muted" role="status" data-testid="cold-read">
            {formatInteger(events.length)} of {formatInteger(archivedThrough)} archived events loaded; the last page took {reads?.total} ms ({reads?.server} ms reading segments).
          </p>
          <div className="archive-cold-scroll" tabIndex={0} aria-label="Archived events loaded from cold storage">
            <table className="table archive-cold-table">
              <thead>
                <tr>
                  <th scope="col" className="num">Version</th>
                  <th scope="col">Type</th>
                  <th scope="col">Recorded</th>
                  <th scope="col">Tier</th>
                </tr>
              </thead>
              <tbody>
                {events.map((e) => (
                  <tr key={e.eventId}>
                    <td className="num">
                      <Link href={`/events/${e.eventId}`}>{e.streamVersion}</Link>
                    </td>
                    <td>{e.type}</td>
                    <td className="muted">{formatDateTime(e.recordedAt)}</td>
                    <td>
                      <Badge tone="info" title="Read from an archive segment">cold</Badge>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {more ? (
            <button type="button" className="button button-small" onClick={load} disabled={loading}>
              {loading ? "Loading…" : "Load more"}
            </button>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
