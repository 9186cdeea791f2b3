import { PageLoading } from "@/components/ui/page-loading";

export default function SettingsLoading() {
  return <PageLoading label="Loading settings" title="Settings" description="API tokens let services and scripts call /api/v1 without a person signing in." panels={[4, 6]} />;
}
