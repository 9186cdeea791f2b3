import { PageHeader } from "@/components/ui/page-header";
import { LoadingRegion, SkeletonRows } from "@/components/ui/skeleton";

export default function ArchiveLoading() {
  return (
    <LoadingRegion label="Loading the archive">
      <PageHeader title="Archive" description="Old events in cold storage: policies, runs and segments." />
      <div className="panel">
        <SkeletonRows rows={4} />
      </div>
      <div className="panel">
        <SkeletonRows rows={8} />
      </div>
    </LoadingRegion>
  );
}
