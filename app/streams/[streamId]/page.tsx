import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EventTable } from "@/components/streams/event-table";
import { EventsPager, OrderToggle, type EventOrder } from "@/components/streams/events-nav";
import { streamHref } from "@/components/streams/stream-href";
import { streamIdFromSegment } from "@/components/streams/stream-id";
import { StreamSummary } from "@/components/streams/stream-summary";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { requirePagePermission } from "@/lib/auth/require-permission";
import { formatInteger } from "@/lib/format";
import { firstParam, positiveIntParam, type SearchParams } from "@/lib/search-params";
import { getStream } from "@/lib/store/list-streams";
import { readStream } from "@/lib/store/read-stream";

export const dynamic = "force-dynamic";

const PAGE_SIZE = 100;

type Props = { params: Promise<{ streamId: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { streamId } = await props.params;
  // Next 16.2+ hands generateMetadata the segment already decoded, unlike the page (vercel/next.js#95343,
  // fix pending in #95356); when decoding once more does not give a valid id, the value was already decoded.
  return { title: streamIdFromSegment(streamId) ?? streamId };
}

export default async function StreamPage(props: Props) {
  const viewer = await requirePagePermission("events.read");
  const streamId = streamIdFromSegment((await props.params).streamId);
  if (streamId === null) notFound();
  const query = await props.searchParams;
  const order: EventOrder = firstParam(query, "order") === "oldest" ? "oldest" : "newest";
  const from = positiveIntParam(query, "from");

  const stream = await getStream(streamId);
  if (!stream) notFound();
  const page = await readStream({
    streamId,
    fromVersion: from,
    limit: PAGE_SIZE,
    direction: order === "newest" ? "backward" : "forward",
    pii: viewer.pii,
  });
  const versions = page.events.map((e) => e.streamVersion);
  const range = versions.length
    ? `Versions ${formatInteger(versions[0])}–${formatInteger(versions[versions.length - 1])} of ${formatInteger(stream.version)}`
    : "No events on this page";

  return (
    <>
      <PageHeader
        eyebrow={<Link href="/streams">Streams</Link>}
        title={<span className="mono break-all">{streamId}</span>}
      />
      <StreamSummary stream={stream} />
      <Panel title="Events" subtitle={range} action={<OrderToggle streamId={streamId} order={order} />} flush>
        {page.events.length === 0 ? (
          <p className="panel-empty">
            No events from version {formatInteger(from ?? 0)} on.{" "}
            <Link href={streamHref(streamId)}>Show the newest events</Link>.
          </p>
        ) : (
          <EventTable events={page.events} />
        )}
        <EventsPager streamId={streamId} order={order} from={from} next={page.next} version={stream.version} pageSize={PAGE_SIZE} />
      </Panel>
    </>
  );
}
