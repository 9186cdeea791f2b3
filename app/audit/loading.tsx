import { PageHeader } from "@/components/ui/page-header";
import { LoadingRegion, SkeletonRows } from "@/components/ui/skeleton";

export default function AuditLoading() {
  return (
    <LoadingRegion label="Loading the audit log">
      <PageHeader title="Audit" description="Every change, who made it and from where. Entries are append-only and hash-chained: altering one breaks the chain." />
      <div className="panel">
        <SkeletonRows rows={12} />
      </div>
    </LoadingRegion>
  );
}
