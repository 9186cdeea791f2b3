import Link from "next/link";
import { MissingStreamId } from "@/components/streams/missing-stream-id";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export default function StreamNotFound() {
  return (
    <>
      <PageHeader eyebrow={<Link href="/streams">Streams</Link>} title="Stream not found" />
      <EmptyState
        title="There is no such stream"
        action={
          <Link href="/streams" className="button">
            Search streams
          </Link>
        }
      >
        <MissingStreamId />
        <p>
          Stream ids are case-sensitive and look like <code>category-id</code>. A stream
          exists once its first event is appended.
        </p>
      </EmptyState>
    </>
  );
}
