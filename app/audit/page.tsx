import type { Metadata } from "next";
import Link from "next/link";
import { AuditFilter, type AuditFilterValues } from "@/components/audit/audit-filter";
import { AuditTable } from "@/components/audit/audit-table";
import { VerifyChain } from "@/components/audit/verify-chain";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { listAuditActions, listAuditEntries } from "@/lib/audit/list-audit";
import { loadAnchorKeys } from "@/lib/audit/anchor-key";
import { getAuditChainHead } from "@/lib/audit/verify-audit-chain";
import { requirePagePermission } from "@/lib/auth/require-permission";
import { firstParam, positiveIntParam, queryString, type SearchParams } from "@/lib/search-params";
import { parseTime } from "@/lib/time";

export const metadata: Metadata = { title: "Audit" };
export const dynamic = "force-dynamic";

// datetime-local gives `2026-11-26T10:00` with no zone: the page reads it as UTC, like every time shown.
function utc(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const withZone = /[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value.length === 16 ? `${value}:00` : value}Z`;
  return parseTime(withZone) ? withZone : undefined;
}

// PostgreSQL text cannot hold NUL: a hostile query string must not become a server error.
function clean(value: string | undefined): string | undefined {
  return value?.replace(/[\u0000-\u001f]/g, "").slice(0, 200) || undefined;
}

export default async function AuditPage(props: { searchParams: Promise<SearchParams> }) {
  await requirePagePermission("audit.read");
  const params = await props.searchParams;
  const values: AuditFilterValues = {
    actor: clean(firstParam(params, "actor")),
    action: clean(firstParam(params, "action")),
    from: firstParam(params, "from") || undefined,
    to: firstParam(params, "to") || undefined,
  };
  const before = positiveIntParam(params, "before");
  const [page, actions, head] = await Promise.all([
    listAuditEntries({ ...values, from: utc(values.from), to: utc(values.to), before, limit: 50 }),
    listAuditActions(),
    getAuditChainHead(),
  ]);
  const anchorKeys = loadAnchorKeys();
  const filtered = !!(values.actor || values.action || values.from || values.to);
  return (
    <>
      <PageHeader title="Audit" description="Every change, who made it and from where. Entries are append-only and hash-chained: altering one breaks the chain." />
      <Panel
        title="Chain"
        subtitle={
          head ? (
            <span className="chain-head">
              Head: entry #{head.id}, hash <code>{head.hash}</code>. Signed anchors of it are written outside the database every few minutes.
            </span>
          ) : (
            "No entries yet."
          )
        }
      >
        <VerifyChain />
        <details className="anchor-key">
          <summary>Public key of the audit anchors (key {anchorKeys.keyId})</summary>
          <p className="muted">An auditor verifies the signed anchors under <code>anchors/</code> in the archive with this key alone.</p>
          <pre>{anchorKeys.publicKeyPem}</pre>
        </details>
      </Panel>
      <AuditFilter values={values} actions={actions} />
      <Panel title="Entries" subtitle={before ? `Older than entry #${before}` : "Newest first"} flush>
        {page.entries.length === 0 ? (
          <p className="panel-empty muted">{filtered ? "No entries match these filters. Clear them to see everything." : "Nothing has been audited yet."}</p>
        ) : (
          <AuditTable entries={page.entries} />
        )}
        {before || page.next ? (
          <div className="pager">
            {before ? <Link href={`/audit${queryString({ ...values })}`}>Newest</Link> : <span />}
            {page.next ? <Link href={`/audit${queryString({ ...values, before: page.next })}`}>Older entries</Link> : <span className="muted">No older entries</span>}
          </div>
        ) : null}
      </Panel>
    </>
  );
}
