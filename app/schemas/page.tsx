import type { Metadata } from "next";
import { RegisteredTypes } from "@/components/schemas/registered-types";
import { UnregisteredTypes } from "@/components/schemas/unregistered-types";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/require-permission";
import { formatInteger } from "@/lib/format";
import { listSchemaUsage } from "@/lib/schema/list-schema-usage";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Schemas" };

export default async function SchemasPage() {
  await requirePagePermission("events.read");
  const usage = await listSchemaUsage();
  const stored = usage.registered.reduce((n, t) => n + t.stored, 0) + usage.unregistered.reduce((n, t) => n + t.stored, 0);
  return (
    <>
      <PageHeader
        title="Schemas"
        description={`The event-type registry: ${formatInteger(usage.registered.length)} types with their schema versions, upcasters and personal-data fields, next to the ${formatInteger(stored)} events the store holds.`}
      />
      {usage.registered.length === 0 ? (
        <EmptyState title="No event types registered">
          <p>
            Register types in your domain module (<code>HINDSIGHT_DOMAIN</code>, see the README&apos;s &ldquo;Bring your domain&rdquo;), or as JSON Schema with{" "}
            <code>PUT /api/v1/schemas/{"{type}"}/versions/{"{n}"}</code>.
          </p>
        </EmptyState>
      ) : (
        <RegisteredTypes types={usage.registered} />
      )}
      <UnregisteredTypes types={usage.unregistered} />
    </>
  );
}
