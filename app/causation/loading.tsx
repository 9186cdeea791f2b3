import { PageHeader } from "@/components/ui/page-header";
import { LoadingRegion, SkeletonRows } from "@/components/ui/skeleton";

export default function CausationLoading() {
  return (
    <LoadingRegion label="Loading the causation map">
      <PageHeader title="Causation" />
      <div className="panel">
        <SkeletonRows rows={10} />
      </div>
    </LoadingRegion>
  );
}
