import type { Metadata } from "next";
import { NotBuiltYet } from "@/components/ui/not-built-yet";
import { requirePagePermission } from "@/lib/auth/require-permission";

export const metadata: Metadata = { title: "Compliance" };

export default async function CompliancePage() {
  await requirePagePermission("erasure.request");
  return (
    <NotBuiltYet
      area="Compliance"
      summary="Erasure requests for data subjects: discovery of everything they touched, legal holds, a second approval, crypto-shredding of the subject key, verification and a certificate; plus subject access exports."
    />
  );
}
