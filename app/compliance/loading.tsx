import { PageLoading } from "@/components/ui/page-loading";

export default function ComplianceLoading() {
  return <PageLoading label="Loading compliance" title="Compliance" description="Erasure requests, legal holds and subject access exports." panels={[8]} />;
}
