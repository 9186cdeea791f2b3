import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect, RedirectType } from "next/navigation";
import { ArchivedNotice } from "@/components/archive/archived-notice";
import { streamIdFromSegment } from "@/components/streams/stream-id";
import { streamHref } from "@/components/streams/stream-href";
import { StreamSummary } from "@/components/streams/stream-summary";
import { TimeMachine } from "@/components/streams/time-machine";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/require-permission";
import { firstParam, type SearchParams } from "@/lib/search-params";
import { listSnapshots } from "@/lib/snapshots/list-snapshots";
import { seedTimeMachineView } from "@/lib/stream-page/seed-view";
import { getStream } from "@/lib/store/list-streams";
import { parseTime } from "@/lib/time";
import { resolvePoint } from "@/lib/stream-state/resolve-point";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ streamId: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { streamId } = await props.params;
  // Next 16.2+ hands generateMetadata the segment already decoded, unlike the page (vercel/next.js#95343,
  // fix pending in #95356); when decoding once more does not give a valid id, the value was already decoded.
  return { title: streamIdFromSegment(streamId) ?? streamId };
}

/** A version from the URL (?v=, ?cmp=, ?event=): 0 (before the first event) up to the stream's version; anything else is absent. */
function versionParam(query: SearchParams, name: string, max: number): number | null {
  const value = firstParam(query, name);
  if (!value || !/^\d{1,10}$/.test(value)) return null;
  return Math.min(Number(value), max);
}

/** ?at= as given; an unencoded "+01:00" offset arrives as " 01:00" (a '+' in a query string means a space). */
function atParam(query: SearchParams): string | undefined {
  return firstParam(query, "at")?.replace(/ (\d{2}:?\d{2})$/, "+$1");
}

/**
 * A ticket may carry a date (?at=RFC 3339): it names the last version at or before it, and the
 * address is rewritten to that version (?v=), which means the same thing forever; ?at= rides
 * along once so the date field shows it. ?v= wins over ?at=; an invalid time is reported by the
 * time machine. Returns when there is nothing to rewrite.
 */
async function redirectFromTime(streamId: string, query: SearchParams, streamVersion: number): Promise<void> {
  const at = atParam(query);
  if (!at || !parseTime(at) || versionParam(query, "v", streamVersion) !== null) return;
  const { version } = await resolvePoint(streamId, { at });
  const keep = Object.entries(query).flatMap(([k, v]) => (k === "at" || k === "v" || v === undefined ? [] : [[k, Array.isArray(v) ? v[0] : v]]));
  const next = new URLSearchParams(keep);
  next.set("v", String(version));
  next.set("at", at);
  redirect(streamHref(streamId, `?${next}`), RedirectType.replace);
}

export default async function StreamPage(props: Props) {
  const viewer = await requirePagePermission("events.read");
  const streamId = streamIdFromSegment((await props.params).streamId);
  if (streamId === null) notFound();
  const query = await props.searchParams;
  const [stream, snapshots] = await Promise.all([getStream(streamId), listSnapshots({ streamId, limit: 500 })]);
  if (!stream) notFound();
  if (stream.version > 0) await redirectFromTime(streamId, query, stream.version);
  // The cursor opens on the newest event unless the URL names a version, so a pasted link reproduces its view.
  const cursor = versionParam(query, "v", stream.version) ?? stream.version;
  const compare = versionParam(query, "cmp", stream.version);
  const event = versionParam(query, "event", stream.version) || null;
  const at = atParam(query);
  const atError = at && !parseTime(at) ? `The link’s time “${at.slice(0, 60)}” is not a date and time (e.g. 2026-11-26T14:00:00Z), so the cursor is on the newest event.` : null;
  const validSnapshots = snapshots.snapshots.filter((s) => s.valid).map((s) => s.streamVersion);
  // The first view's rows and state come with the HTML: a 100 000-event stream paints at once.
  const seed = await seedTimeMachineView({ streamId, cursor, event, pii: viewer.pii, snapshots: validSnapshots });

  return (
    <>
      <PageHeader
        eyebrow={<Link href="/streams">Streams</Link>}
        title={<span className="mono break-all">{streamId}</span>}
      />
      <StreamSummary stream={stream} />
      <ArchivedNotice streamId={streamId} />
      <HydrationBoundary state={seed}>
        <TimeMachine
          // A new stream (or a stream that grew, or a link to another point of it) starts a fresh machine rather than keeping stale points.
          key={`${streamId}:${stream.version}:${cursor}:${event}:${at ?? ""}`}
          streamId={streamId}
          version={stream.version}
          firstEventAt={stream.firstEventAt}
          lastEventAt={stream.lastEventAt}
          initialCursor={cursor}
          initialCompare={compare}
          initialEvent={event}
          initialTime={at && !atError ? at : null}
          initialTimeError={atError}
          snapshots={validSnapshots}
        />
      </HydrationBoundary>
    </>
  );
}
