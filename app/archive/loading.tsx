import { PageLoading } from "@/components/ui/page-loading";

export default function ArchiveLoading() {
  return <PageLoading label="Loading the archive" title="Archive" description="Old events in cold storage: policies, runs and segments." panels={[4, 8]} />;
}
