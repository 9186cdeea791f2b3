import { PageLoading } from "@/components/ui/page-loading";

export default function EventLoading() {
  return <PageLoading label="Loading the event" title="Event" panels={[6, 6]} />;
}
