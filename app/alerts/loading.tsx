import { PageHeader } from "@/components/ui/page-header";
import { LoadingRegion, SkeletonRows } from "@/components/ui/skeleton";

export default function AlertsLoading() {
  return (
    <LoadingRegion label="Loading alerts">
      <PageHeader title="Alerts" description="Rules, firing and resolved alerts, silences and webhooks." />
      <div className="panel">
        <SkeletonRows rows={4} />
      </div>
      <div className="panel">
        <SkeletonRows rows={10} />
      </div>
    </LoadingRegion>
  );
}
