import { PageHeader } from "@/components/ui/page-header";
import { LoadingRegion, SkeletonRows } from "@/components/ui/skeleton";

export default function SettingsLoading() {
  return (
    <LoadingRegion label="Loading settings">
      <PageHeader title="Settings" description="API tokens let services and scripts call /api/v1 without a person signing in." />
      <div className="panel">
        <SkeletonRows rows={4} />
      </div>
      <div className="panel">
        <SkeletonRows rows={6} />
      </div>
    </LoadingRegion>
  );
}
