import { PageLoading } from "@/components/ui/page-loading";

export default function AuditLoading() {
  return <PageLoading label="Loading the audit log" title="Audit" description="Every change, who made it and from where. Entries are append-only and hash-chained: altering one breaks the chain." panels={[12]} />;
}
