import { PageHeader } from "@/components/ui/page-header";
import { LoadingRegion, Skeleton, SkeletonRows } from "@/components/ui/skeleton";

export default function OverviewLoading() {
  return (
    <LoadingRegion label="Loading the overview">
      <PageHeader title="Overview" description="The event store at a glance: what it holds, how fast it grows, what arrived last." />
      <div className="stat-grid">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="stat">
            <Skeleton width="40%" height="0.8rem" />
            <Skeleton width="60%" height="1.6rem" />
          </div>
        ))}
      </div>
      <div className="panel">
        <Skeleton height="240px" />
      </div>
      <div className="grid-2">
        <div className="panel">
          <SkeletonRows rows={8} />
        </div>
        <div className="panel">
          <SkeletonRows rows={8} />
        </div>
      </div>
    </LoadingRegion>
  );
}
