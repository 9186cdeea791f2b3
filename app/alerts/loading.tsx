import { PageLoading } from "@/components/ui/page-loading";

export default function AlertsLoading() {
  return <PageLoading label="Loading alerts" title="Alerts" description="Rules, firing and resolved alerts, silences and webhooks." panels={[4, 10]} />;
}
