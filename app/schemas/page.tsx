import type { Metadata } from "next";
import { NotBuiltYet } from "@/components/ui/not-built-yet";
import { requirePagePermission } from "@/lib/auth/require-permission";

export const metadata: Metadata = { title: "Schemas" };

export default async function SchemasPage() {
  await requirePagePermission("events.read");
  return (
    <NotBuiltYet
      area="Schemas"
      summary="The event-type registry: every type with its schema versions, the upcasters between them and which fields hold personal data, next to the versions the store actually holds."
    />
  );
}
