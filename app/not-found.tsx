import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export default function NotFound() {
  return (
    <>
      <PageHeader title="Page not found" />
      <EmptyState title="There is no page at this address" action={<Link href="/" className="button">Go to the overview</Link>}>
        <p>
          Check the address, or use the navigation on the left. Streams are under <Link href="/streams">Streams</Link>.
        </p>
      </EmptyState>
    </>
  );
}
