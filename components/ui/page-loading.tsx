import { PageHeader } from "./page-header";
import { LoadingRegion, Skeleton, SkeletonRows } from "./skeleton";

export type PageLoadingProps = {
  /** What screen readers hear while the page loads ("Loading alerts"). */
  label: string;
  title: string;
  description?: string;
  /** Placeholder rows per panel, top to bottom: the shape of the page that is on its way. */
  panels: number[];
  /** A filter bar above the panels, as list pages have. */
  filterBar?: boolean;
};

/** A route's loading state: its real header, then grey panels shaped like what will come. */
export function PageLoading({ label, title, description, panels, filterBar = false }: PageLoadingProps) {
  return (
    <LoadingRegion label={label}>
      <PageHeader title={title} description={description} />
      {filterBar ? (
        <div className="filter-bar">
          <Skeleton height="2.25rem" />
        </div>
      ) : null}
      {panels.map((rows, i) => (
        <div className="panel" key={i}>
          <SkeletonRows rows={rows} />
        </div>
      ))}
    </LoadingRegion>
  );
}
