import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CertificateView } from "@/components/compliance/certificate-view";
import { PrintButton } from "@/components/compliance/print-button";
import { requirePagePermission } from "@/lib/auth/require-permission";
import { buildCertificate } from "@/lib/compliance/erasure-certificate";
import { getErasureRequest } from "@/lib/compliance/erasure-request";

export const metadata: Metadata = { title: "Erasure certificate" };
export const dynamic = "force-dynamic";

export default async function CertificatePage(props: { params: Promise<{ id: string }> }) {
  await requirePagePermission("erasure.request");
  const { id } = await props.params;
  const r = await getErasureRequest(id);
  if (!r) notFound();
  const cert = buildCertificate(r);
  return (
    <>
      <div className="certificate-toolbar no-print">
        <Link href={`/compliance/requests/${r.id}`}>← Back to the request</Link>
        <div className="button-row">
          {/* A draft is not printed: it would pass for a certificate once on paper. */}
          {cert.final ? <PrintButton /> : null}
          <a className="button" href={`/api/v1/erasure-requests/${r.id}?certificate=1`} download>
            Download JSON
          </a>
        </div>
      </div>
      <CertificateView cert={cert} />
    </>
  );
}
