import type { Metadata } from "next";
import { NotBuiltYet } from "@/components/ui/not-built-yet";

export const metadata: Metadata = { title: "Audit" };

export default function AuditPage() {
  return (
    <NotBuiltYet
      area="Audit"
      summary="The tamper-evident, hash-chained log of every operator action (rebuilds, promotions, erasures, settings), with the published chain head to prove nothing was rewritten."
    />
  );
}
