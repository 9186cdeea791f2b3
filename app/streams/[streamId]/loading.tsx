import { LoadingRegion, Skeleton, SkeletonRows } from "@/components/ui/skeleton";

export default function StreamLoading() {
  return (
    <LoadingRegion label="Loading the stream">
      <div className="page-header">
        <div className="page-header-text">
          <Skeleton width="5rem" height="0.9rem" />
          <Skeleton width="22rem" height="1.8rem" />
        </div>
      </div>
      <div className="summary-strip">
        <Skeleton height="3rem" />
      </div>
      <div className="panel">
        <SkeletonRows rows={16} />
      </div>
    </LoadingRegion>
  );
}
