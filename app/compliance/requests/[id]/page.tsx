import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ApprovalControls } from "@/components/compliance/approval-controls";
import { DiscoveryPanel } from "@/components/compliance/discovery-panel";
import { DueLabel } from "@/components/compliance/due-label";
import { ExtendDeadlineForm } from "@/components/compliance/extend-deadline-form";
import { RequestProgress } from "@/components/compliance/request-progress";
import { RetryVerificationButton } from "@/components/compliance/retry-verification-button";
import { StateBadge } from "@/components/compliance/state-badge";
import { VerificationPanel } from "@/components/compliance/verification-panel";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { TimeAgo } from "@/components/ui/time-ago";
import { isSamePerson } from "@/lib/auth/person-of";
import { requirePagePermission } from "@/lib/auth/require-permission";
import { getErasureRequest } from "@/lib/compliance/erasure-request";
import { isOpen, STATE_LABELS } from "@/lib/compliance/erasure-states";
import { listLegalHolds } from "@/lib/compliance/legal-holds";
import { formatDateTime } from "@/lib/format";

export const metadata: Metadata = { title: "Erasure request" };
export const dynamic = "force-dynamic";

export default async function ErasureRequestPage(props: { params: Promise<{ id: string }> }) {
  const viewer = await requirePagePermission("erasure.request");
  const { id } = await props.params;
  const [r, holds] = await Promise.all([getErasureRequest(id), listLegalHolds({ limit: 1000 })]);
  if (!r) notFound();
  const blocking = holds.filter((h) => r.blockingHolds.includes(h.id));
  const open = isOpen(r.status);
  return (
    <>
      <PageHeader
        eyebrow={<Link href="/compliance">Compliance</Link>}
        title={
          <>
            Erasure of <span className="mono">{r.subjectId}</span> <StateBadge state={r.status} />
          </>
        }
        description={r.reason}
        actions={
          r.execution ? (
            <Link className="button" href={`/compliance/requests/${r.id}/certificate`}>
              {r.status === "completed" ? "Certificate" : "Certificate (draft)"}
            </Link>
          ) : null
        }
      />
      <RequestProgress requestId={r.id} initial={{ status: r.status, progress: r.progress }} />
      <dl className="summary-strip erasure-summary">
        <div>
          <dt>Received</dt>
          <dd>
            <TimeAgo time={r.receivedAt} /> <span className="dd-hint">by {r.requestedByLabel}</span>
          </dd>
        </div>
        <div>
          <dt>Due</dt>
          <dd>
            <DueLabel dueAt={r.dueAt} open={open} /> <span className="dd-hint">{formatDateTime(r.dueAt)}</span>
          </dd>
        </div>
        <div>
          <dt>Approved</dt>
          <dd>{r.approvedByLabel ? <>{r.approvedByLabel} <span className="dd-hint"><TimeAgo time={r.approvedAt} /></span></> : <span className="muted">not yet</span>}</dd>
        </div>
        <div>
          <dt>Known values</dt>
          <dd>
            {r.knownValueHashes.length} <span className="dd-hint">{r.knownValuesHeld ? "sealed under the request key" : r.knownValueHashes.length ? "key destroyed: hashes only" : ""}</span>
          </dd>
        </div>
      </dl>
      {r.failure ? (
        <p className="form-error" role="alert" data-testid="request-failure">
          {r.failure}
        </p>
      ) : null}
      {r.status === "failed" && r.history.at(-1)?.from === "verifying" && viewer.permissions.has("erasure.approve") ? (
        <RetryVerificationButton requestId={r.id} />
      ) : null}
      {r.status === "blocked_by_hold" ? (
        <Panel title="Blocked by a legal hold" subtitle="Execution waits until every hold below is released or expires; the request then goes to approval by itself.">
          <ul className="hold-list">
            {blocking.map((h) => (
              <li key={h.id}>
                <Badge tone="danger">{h.scope}</Badge> <span className="mono">{h.target}</span> — {h.reason}{" "}
                <span className="muted">
                  (placed by {h.createdBy}
                  {h.expiresAt ? `, expires ${formatDateTime(h.expiresAt)}` : ""})
                </span>
              </li>
            ))}
          </ul>
        </Panel>
      ) : null}
      {r.status === "awaiting_approval" && viewer.permissions.has("erasure.approve") ? (
        <Panel title="Approval" subtitle="Four eyes: someone other than the requester approves; the key is destroyed by a background job right after.">
          <ApprovalControls requestId={r.id} isRequester={await isSamePerson(r.requestedBy, viewer.id)} />
        </Panel>
      ) : null}
      <Panel title="Discovery" subtitle={r.discovery ? `Found ${formatDateTime(r.discovery.at)}` : undefined}>
        <DiscoveryPanel discovery={r.discovery} />
      </Panel>
      {r.execution || r.verification ? (
        <Panel title="Execution and verification">
          <VerificationPanel request={r} />
        </Panel>
      ) : null}
      {open ? (
        <Panel title="Deadline" subtitle={r.extensions.length ? `Extended ${r.extensions.length} time(s)` : "Due 30 days after receipt"}>
          {r.extensions.length ? (
            <ul className="extension-list">
              {r.extensions.map((e) => (
                <li key={e.at}>
                  +{e.days} days by {e.byLabel} <TimeAgo time={e.at} />: {e.reason}
                </li>
              ))}
            </ul>
          ) : null}
          <ExtendDeadlineForm requestId={r.id} />
        </Panel>
      ) : null}
      <Panel title="History" subtitle="Every transition, as the audit log records it." flush>
        <table className="table">
          <tbody>
            {r.history.map((h, i) => (
              <tr key={i}>
                <td className="nowrap">{formatDateTime(h.at)}</td>
                <td>{h.to ? STATE_LABELS[h.to] : ""}</td>
                <td className="muted">{h.by}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
    </>
  );
}
