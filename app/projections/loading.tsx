import { PageLoading } from "@/components/ui/page-loading";

export default function ProjectionsLoading() {
  return <PageLoading label="Loading projections" title="Projections" description="Read models built from the log: each has one live version that follows the log gap-safely." panels={[6, 6]} />;
}
