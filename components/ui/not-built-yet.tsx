import Link from "next/link";
import { Badge } from "./badge";
import { PageHeader } from "./page-header";

export type NotBuiltYetProps = {
  area: string;
  /** What the area will do, in one or two sentences from the design. */
  summary: string;
};

/** The honest placeholder for an area that does not exist yet: no fake data, just what is coming. */
export function NotBuiltYet({ area, summary }: NotBuiltYetProps) {
  return (
    <>
      <PageHeader title={area} eyebrow={<Badge tone="neutral">Not built yet</Badge>} />
      <div className="not-built">
        <p className="not-built-lead">This area is not built yet, so there is nothing to show here.</p>
        <h2 className="not-built-heading">What it will do</h2>
        <p>{summary}</p>
        <p className="muted">
          Meanwhile, the <Link href="/">Overview</Link> and <Link href="/streams">Streams</Link> pages show the store as it is
          now.
        </p>
      </div>
    </>
  );
}
