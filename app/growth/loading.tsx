import { PageLoading } from "@/components/ui/page-loading";

export default function GrowthLoading() {
  return <PageLoading label="Loading growth" title="Growth" description="How fast the store grows, by category or event type, from hourly rollups (UTC). The page never scans the events table." panels={[8, 10]} />;
}
