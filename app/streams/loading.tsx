import { PageLoading } from "@/components/ui/page-loading";

export default function StreamsLoading() {
  return <PageLoading label="Loading streams" title="Streams" description="Every stream in the store, in id order. Open one to read its events." panels={[14]} filterBar />;
}
