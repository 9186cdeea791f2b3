import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export default function EventNotFound() {
  return (
    <>
      <PageHeader eyebrow={<Link href="/streams">Streams</Link>} title="Event not found" />
      <EmptyState
        title="No event has this id"
        action={
          <Link href="/streams" className="button">
            Search streams
          </Link>
        }
      >
        <p>
          Event ids are UUIDs (e.g. <code>0193c0de-7a1b-7c2d-8e3f-405162738495</code>). An id given as a cause may name a
          command, which is not stored as an event.
        </p>
      </EmptyState>
    </>
  );
}
