import type { Metadata } from "next";
import Link from "next/link";
import { CausationTabs } from "@/components/causation/causation-tabs";
import { GuardsTable } from "@/components/causation/guards-table";
import { RefusalsChart } from "@/components/causation/refusals-chart";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { requirePagePermission } from "@/lib/auth/require-permission";
import { listGuards, listRefusals } from "@/lib/causation/guards";
import { REFUSAL_LABELS, toRefusalSeries } from "@/lib/causation/refusal-series";
import { formatInteger } from "@/lib/format";
import { firstParam, type SearchParams } from "@/lib/search-params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Causation guards" };

const RANGES = [1, 7, 30] as const;

export default async function CausationGuardsPage(props: { searchParams: Promise<SearchParams> }) {
  const viewer = await requirePagePermission("events.read");
  const params = await props.searchParams;
  const days = (RANGES as readonly number[]).includes(Number(firstParam(params, "days"))) ? Number(firstParam(params, "days")) : 7;
  const to = new Date();
  const from = new Date(to.getTime() - days * 86_400_000);
  const bucket = days === 30 ? "day" : "hour";
  const [guards, refusals] = await Promise.all([listGuards(), listRefusals({ from, to })]);
  const series = toRefusalSeries(refusals, from, to, bucket);
  const total = Object.values(series.totals).reduce((a, b) => a + b, 0);
  const canEdit = viewer.permissions.has("guards.manage");

  return (
    <>
      <PageHeader
        title="Causation guards"
        description="Every append checks two limits of the stream's category: how deep a causation chain may go, and how many events one correlation may add in an hour (which also stops loops that pass through commands). Refused appends are answered with 422."
        actions={<CausationTabs current="guards" />}
      />
      <Panel
        title="Refused appends and duplicates"
        subtitle={`Per ${bucket}, last ${days === 1 ? "24 hours" : `${days} days`} (UTC)`}
        action={
          <nav className="segmented" aria-label="Range">
            {RANGES.map((d) => (
              <Link key={d} href={`/causation/guards?days=${d}`} className="segmented-item" aria-current={d === days ? "page" : undefined} scroll={false}>
                {d === 1 ? "24 hours" : `${d} days`}
              </Link>
            ))}
          </nav>
        }
      >
        <p className="chart-summary" role="status">
          {total === 0
            ? "Nothing refused in this range."
            : `${formatInteger(total)} refused: ${series.reasons.map((r) => `${formatInteger(series.totals[r])} ${(REFUSAL_LABELS[r] ?? r).toLowerCase()}`).join(", ")}.`}
        </p>
        {total > 0 ? <RefusalsChart rows={series.rows} reasons={series.reasons} bucket={bucket} /> : null}
      </Panel>
      <Panel title="Limits per category" subtitle={canEdit ? "Saved at once and audited; the next append of the category uses them." : "Ops and admins can change these."} flush>
        <GuardsTable guards={guards} canEdit={canEdit} example={guards[0]?.category ?? null} />
      </Panel>
    </>
  );
}
