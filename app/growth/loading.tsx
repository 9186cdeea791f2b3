import { PageHeader } from "@/components/ui/page-header";
import { LoadingRegion, SkeletonRows } from "@/components/ui/skeleton";

export default function GrowthLoading() {
  return (
    <LoadingRegion label="Loading growth">
      <PageHeader title="Growth" description="How fast the store grows, by category or event type, from hourly rollups (UTC). The page never scans the events table." />
      <div className="panel">
        <SkeletonRows rows={8} />
      </div>
      <div className="panel">
        <SkeletonRows rows={10} />
      </div>
    </LoadingRegion>
  );
}
