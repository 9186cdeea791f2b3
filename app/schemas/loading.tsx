import { PageHeader } from "@/components/ui/page-header";
import { LoadingRegion, SkeletonRows } from "@/components/ui/skeleton";

export default function SchemasLoading() {
  return (
    <LoadingRegion label="Loading schemas">
      <PageHeader title="Schemas" description="The event-type registry, next to the versions the store holds." />
      <div className="panel">
        <SkeletonRows rows={12} />
      </div>
    </LoadingRegion>
  );
}
