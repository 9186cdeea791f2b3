import { PageHeader } from "@/components/ui/page-header";
import { LoadingRegion, SkeletonRows } from "@/components/ui/skeleton";

export default function ProjectionsLoading() {
  return (
    <LoadingRegion label="Loading projections">
      <PageHeader title="Projections" description="Read models built from the log: each has one live version that follows the log gap-safely." />
      <div className="panel">
        <SkeletonRows rows={6} />
      </div>
      <div className="panel">
        <SkeletonRows rows={6} />
      </div>
    </LoadingRegion>
  );
}
