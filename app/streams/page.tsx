import type { Metadata } from "next";
import Link from "next/link";
import { StreamsFilter } from "@/components/streams/streams-filter";
import { StreamsTable } from "@/components/streams/streams-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { requirePagePermission } from "@/lib/auth/require-permission";
import { firstParam, queryString, type SearchParams } from "@/lib/search-params";
import { listCategories, listStreams } from "@/lib/store/list-streams";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Streams" };

const PAGE_SIZE = 50;

export default async function StreamsPage(props: { searchParams: Promise<SearchParams> }) {
  await requirePagePermission("events.read");
  const params = await props.searchParams;
  const prefix = firstParam(params, "prefix")?.slice(0, 200);
  const category = firstParam(params, "category")?.slice(0, 200);
  const after = firstParam(params, "after")?.slice(0, 200);
  const [page, categories] = await Promise.all([
    listStreams({ prefix, category, after, limit: PAGE_SIZE }),
    listCategories(),
  ]);
  const filtered = Boolean(prefix || category);
  const nextHref = page.next ? `/streams${queryString({ prefix, category, after: page.next })}` : null;
  const firstHref = `/streams${queryString({ prefix, category })}`;

  return (
    <>
      <PageHeader title="Streams" description="Every stream in the store, in id order. Open one to read its events." />
      <StreamsFilter prefix={prefix} category={category} categories={categories.map((c) => c.category)} />
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
              {category ? <>the category <code>{category}</code></> : null}. Shorten the prefix (ids look like{" "}
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
