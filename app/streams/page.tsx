import type { Metadata } from "next";
import Link from "next/link";
import { StreamsFilter, type StreamsQuery } from "@/components/streams/streams-filter";
import { StreamsTable } from "@/components/streams/streams-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { requirePagePermission } from "@/lib/auth/require-permission";
import { firstParam, queryString, type SearchParams } from "@/lib/search-params";
import { schemaRegistry } from "@/lib/schema/registry";
import { listCategories } from "@/lib/store/list-streams";
import { searchStreams } from "@/lib/store/search-streams";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Streams" };

const PAGE_SIZE = 50;

/** A `YYYY-MM-DD` day from the URL, or undefined (a malformed date is ignored, not an error page). */
function dayParam(params: SearchParams, name: string): string | undefined {
  const value = firstParam(params, name);
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? value : undefined;
}

export default async function StreamsPage(props: { searchParams: Promise<SearchParams> }) {
  const viewer = await requirePagePermission("events.read");
  const canSearchSubjects = viewer.permissions.has("pii.read");
  const params = await props.searchParams;
  const query: StreamsQuery = {
    prefix: firstParam(params, "prefix")?.slice(0, 200),
    category: firstParam(params, "category")?.slice(0, 200),
    type: firstParam(params, "type")?.slice(0, 200),
    from: dayParam(params, "from"),
    to: dayParam(params, "to"),
    // Without pii.read the field is not offered, and a subject in the URL is ignored rather than searched.
    subject: canSearchSubjects ? firstParam(params, "subject")?.slice(0, 200) : undefined,
  };
  const { prefix, category } = query;
  const after = firstParam(params, "after")?.slice(0, 200);
  const [page, categories] = await Promise.all([
    searchStreams({
      prefix,
      category,
      eventType: query.type,
      // Whole UTC days: "to" includes its entire day.
      activeFrom: query.from ? `${query.from}T00:00:00Z` : undefined,
      activeTo: query.to ? `${query.to}T23:59:59.999999Z` : undefined,
      subject: query.subject,
      canSearchSubjects,
      after,
      limit: PAGE_SIZE,
    }),
    listCategories(),
  ]);
  const filtered = Object.values(query).some(Boolean);
  const nextHref = page.next ? `/streams${queryString({ ...query, after: page.next })}` : null;
  const firstHref = `/streams${queryString(query)}`;

  return (
    <>
      <PageHeader title="Streams" description="Every stream in the store, in id order. Open one to read its events." />
      <StreamsFilter
        query={query}
        categories={categories.map((c) => c.category)}
        eventTypes={schemaRegistry().all().map((t) => t.type)}
        canSearchSubjects={canSearchSubjects}
      />
      {page.streams.length === 0 ? (
        <EmptyState
          title={after ? "No more streams" : "No streams match"}
          action={
            after ? (
              <Link href={firstHref} className="button">Back to the first page</Link>
            ) : filtered ? (
              <Link href="/streams" className="button">Show all streams</Link>
            ) : null
          }
        >
          {after ? (
            <p>This page is past the last stream that matches.</p>
          ) : filtered ? (
            <p>
              No stream {prefix ? <>has an id starting with <code>{prefix}</code></> : null}
              {prefix && category ? " in " : null}
              {category ? <>the category <code>{category}</code></> : null}
              {query.type || query.from || query.to || query.subject ? " with the event type, dates or subject given" : null}. Shorten the prefix (ids look like{" "}
              <code>category-id</code>, e.g. <code>order-42</code>) or choose all categories.
            </p>
          ) : (
            <p>
              The store has no streams yet. Run <code>npm run seed</code> for the demo world, or append events with{" "}
              <code>POST /api/v1/streams/{"{streamId}"}/events</code>.
            </p>
          )}
        </EmptyState>
      ) : (
        <Panel
          title={filtered ? "Matching streams" : "All streams"}
          subtitle={after ? `Continuing after ${after}` : `${PAGE_SIZE} per page, in id order`}
          flush
        >
          <StreamsTable streams={page.streams} />
          <nav className="pager" aria-label="Pages of streams">
            {after ? <Link href={firstHref}>First page</Link> : <span />}
            {nextHref ? (
              <Link href={nextHref} className="button" rel="next">
                Next page
              </Link>
            ) : (
              <span className="muted">End of the list</span>
            )}
          </nav>
        </Panel>
      )}
    </>
  );
}
