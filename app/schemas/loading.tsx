import { PageLoading } from "@/components/ui/page-loading";

export default function SchemasLoading() {
  return <PageLoading label="Loading schemas" title="Schemas" description="The event-type registry, next to the versions the store holds." panels={[12]} />;
}
