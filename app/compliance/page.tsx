import type { Metadata } from "next";
import { NotBuiltYet } from "@/components/ui/not-built-yet";

export const metadata: Metadata = { title: "Compliance" };

export default function CompliancePage() {
  return (
    <NotBuiltYet
      area="Compliance"
      summary="Erasure requests for data subjects: discovery of everything they touched, legal holds, a second approval, crypto-shredding of the subject key, verification and a certificate; plus subject access exports."
    />
  );
}
