import { PageHeader } from "@/components/ui/page-header";
import { LoadingRegion, SkeletonRows } from "@/components/ui/skeleton";

export default function EventLoading() {
  return (
    <LoadingRegion label="Loading the event">
      <PageHeader title="Event" />
      <div className="panel">
        <SkeletonRows rows={6} />
      </div>
      <div className="panel">
        <SkeletonRows rows={6} />
      </div>
    </LoadingRegion>
  );
}
