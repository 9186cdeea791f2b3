import type { Metadata } from "next";
import { NotBuiltYet } from "@/components/ui/not-built-yet";

export const metadata: Metadata = { title: "Schemas" };

export default function SchemasPage() {
  return (
    <NotBuiltYet
      area="Schemas"
      summary="The event-type registry: every type with its schema versions, the upcasters between them and which fields hold personal data, next to the versions the store actually holds."
    />
  );
}
