import { PageHeader } from "@/components/ui/page-header";
import { LoadingRegion, SkeletonRows } from "@/components/ui/skeleton";

export default function ComplianceLoading() {
  return (
    <LoadingRegion label="Loading compliance">
      <PageHeader title="Compliance" description="Erasure requests, legal holds and subject access exports." />
      <div className="panel">
        <SkeletonRows rows={8} />
      </div>
    </LoadingRegion>
  );
}
