import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { streamIdFromSegment } from "@/components/streams/stream-id";
import { StreamSummary } from "@/components/streams/stream-summary";
import { TimeMachine } from "@/components/streams/time-machine";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/require-permission";
import { firstParam, type SearchParams } from "@/lib/search-params";
import { getStream } from "@/lib/store/list-streams";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ streamId: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { streamId } = await props.params;
  // Next 16.2+ hands generateMetadata the segment already decoded, unlike the page (vercel/next.js#95343,
  // fix pending in #95356); when decoding once more does not give a valid id, the value was already decoded.
  return { title: streamIdFromSegment(streamId) ?? streamId };
}

/** A version from the URL (?v=, ?cmp=): 0 (before the first event) up to the stream's version; anything else is absent. */
function versionParam(query: SearchParams, name: string, max: number): number | null {
  const value = firstParam(query, name);
  if (!value || !/^\d{1,10}$/.test(value)) return null;
  return Math.min(Number(value), max);
}

export default async function StreamPage(props: Props) {
  await requirePagePermission("events.read");
  const streamId = streamIdFromSegment((await props.params).streamId);
  if (streamId === null) notFound();
  const query = await props.searchParams;
  const stream = await getStream(streamId);
  if (!stream) notFound();
  // The cursor opens on the newest event unless the URL names a version, so a pasted link reproduces its view.
  const cursor = versionParam(query, "v", stream.version) ?? stream.version;
  const compare = versionParam(query, "cmp", stream.version);

  return (
    <>
      <PageHeader
        eyebrow={<Link href="/streams">Streams</Link>}
        title={<span className="mono break-all">{streamId}</span>}
      />
      <StreamSummary stream={stream} />
      <TimeMachine
        // A new stream (or a stream that grew) starts a fresh machine rather than keeping stale points.
        key={`${streamId}:${stream.version}`}
        streamId={streamId}
        version={stream.version}
        firstEventAt={stream.firstEventAt}
        lastEventAt={stream.lastEventAt}
        initialCursor={cursor}
        initialCompare={compare}
      />
    </>
  );
}
