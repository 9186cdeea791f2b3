import { PageLoading } from "@/components/ui/page-loading";

export default function CausationLoading() {
  return <PageLoading label="Loading the causation map" title="Causation" panels={[10]} />;
}
