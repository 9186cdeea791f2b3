import { PageHeader } from "@/components/ui/page-header";
import { LoadingRegion, Skeleton, SkeletonRows } from "@/components/ui/skeleton";

export default function StreamsLoading() {
  return (
    <LoadingRegion label="Loading streams">
      <PageHeader title="Streams" description="Every stream in the store, in id order. Open one to read its events." />
      <div className="filter-bar">
        <Skeleton height="2.25rem" />
      </div>
      <div className="panel">
        <SkeletonRows rows={14} />
      </div>
    </LoadingRegion>
  );
}
