import type { Metadata } from "next";
import { CreateHoldForm } from "@/components/compliance/create-hold-form";
import { CreateRequestForm } from "@/components/compliance/create-request-form";
import { HoldsTable } from "@/components/compliance/holds-table";
import { RequestsTable } from "@/components/compliance/requests-table";
import { SubjectAccessForm } from "@/components/compliance/subject-access-form";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { EmptyState } from "@/components/ui/empty-state";
import { SourceNotice } from "@/components/ui/source-notice";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { requirePagePermission } from "@/lib/auth/require-permission";
import { listLegalHolds } from "@/lib/compliance/legal-holds";
import { listClosedErasureRequests, listOpenErasureRequests } from "@/lib/compliance/list-erasure-requests";

export const metadata: Metadata = { title: "Compliance" };
export const dynamic = "force-dynamic";

export default async function CompliancePage() {
  const viewer = await requirePagePermission("erasure.request");
  const [open, closed, holds] = await Promise.all([listOpenErasureRequests(), listClosedErasureRequests(20), listLegalHolds()]);
  const canHold = viewer.permissions.has("holds.manage");
  const standing = holds.filter((h) => h.standing).length;
  return (
    <>
      <PageHeader
        title="Compliance"
        description="Erasure requests (crypto-shredding with four-eyes approval, verification and a certificate), legal holds and subject access exports."
      />
      {/* Requests move through discovery, approval and execution while the page is open. */}
      <AutoRefresh seconds={10} />
      <SourceNotice capability="cryptoShred" title="Erasure here is discovery only" />
      <Panel title="Open requests" subtitle="By due date, soonest first: requests are due 30 days after receipt." flush={open.length > 0}>
        {open.length ? (
          <RequestsTable requests={open} />
        ) : (
          <EmptyState title="No open erasure requests">Record one below when a data subject asks to be forgotten.</EmptyState>
        )}
      </Panel>
      <Panel title="New erasure request" subtitle="Discovery runs at once; a second compliance user approves before anything is destroyed.">
        <CreateRequestForm />
      </Panel>
      <Panel title="Legal holds" subtitle={`${standing} standing. A hold on a subject, one of its streams or their category blocks its erasure until released or expired.`} flush={holds.length > 0}>
        {holds.length ? (
          <HoldsTable holds={holds} canManage={canHold} />
        ) : (
          <EmptyState title="No legal holds">Place one when litigation or an investigation requires data to be kept.</EmptyState>
        )}
      </Panel>
      {canHold ? (
        <Panel title="Place a legal hold">
          <CreateHoldForm />
        </Panel>
      ) : null}
      <Panel title="Subject access" subtitle="Everything held about a subject, in clear, as JSON (right of access and portability). Each export is audited.">
        {viewer.permissions.has("pii.read") ? <SubjectAccessForm /> : <p className="muted">Exports need the permission to see personal data in clear.</p>}
      </Panel>
      <Panel title="Closed requests" subtitle="Completed, rejected and failed requests, most recent first." flush={closed.length > 0}>
        {closed.length ? <RequestsTable requests={closed} /> : <EmptyState title="Nothing closed yet">Completed requests keep their certificate here.</EmptyState>}
      </Panel>
    </>
  );
}
