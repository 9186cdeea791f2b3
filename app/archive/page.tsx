import type { Metadata } from "next";
import { PoliciesTable, RunsTable, SegmentsTable } from "@/components/archive/archive-tables";
import { PolicyForm } from "@/components/archive/policy-form";
import { StorageTiers } from "@/components/archive/storage-tiers";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { SourceNotice } from "@/components/ui/source-notice";
import { listArchivePolicies } from "@/lib/archive/archive-policies";
import { getStorageTiers, listArchiveRuns, listCategories, listColdSegments, listHoldSegments } from "@/lib/archive/list-archive";
import { requirePagePermission } from "@/lib/auth/require-permission";

export const metadata: Metadata = { title: "Archive" };
export const dynamic = "force-dynamic";

export default async function ArchivePage() {
  const viewer = await requirePagePermission("stats.read");
  const canManage = viewer.permissions.has("archive.manage");
  const compliance = viewer.permissions.has("holds.manage") || viewer.permissions.has("erasure.request");
  const [tiers, policies, runs, segments, holdSegments, categories] = await Promise.all([
    getStorageTiers(),
    listArchivePolicies(),
    listArchiveRuns(20),
    listColdSegments(50),
    compliance ? listHoldSegments({ limit: 50 }) : Promise.resolve([]),
    canManage ? listCategories() : Promise.resolve([]),
  ]);
  const failures = runs.filter((r) => r.status === "failed").length;
  return (
    <>
      <PageHeader
        title="Archive"
        description={`Old events move from the hot table to compressed segments in ${tiers.store}. Streams keep their versions; reads, time travel and rebuilds fetch archived ranges when asked.`}
      />
      {/* Archive runs finish while the page is open. */}
      <AutoRefresh seconds={10} />
      <SourceNotice capability="archive" title="Archiving is off for this source" />
      <Panel title="Storage by tier" subtitle="Hot rows in PostgreSQL, cold segments, and sealed copies under legal holds">
        <StorageTiers tiers={tiers} />
      </Panel>
      {canManage ? (
        <Panel title="Create or change a policy" subtitle="Per category. Events under a standing legal hold never move; held events are copied into sealed hold segments instead.">
          <PolicyForm categories={categories} />
        </Panel>
      ) : null}
      <Panel title="Policies" subtitle="What each category archives, what is due now and what has moved" flush>
        <PoliciesTable policies={policies} canManage={canManage} />
      </Panel>
      <Panel title="Last runs" subtitle={failures > 0 ? `${failures} of the last ${runs.length} runs failed: nothing was lost, the next run retries` : "Scheduled hourly and on “Run now”"} flush>
        <RunsTable runs={runs} />
      </Panel>
      <Panel title="Cold segments" subtitle="Gzip NDJSON, each verified by SHA-256 after writing and on every read; the newest 50" flush>
        <SegmentsTable segments={segments} empty="Nothing archived yet." />
      </Panel>
      {compliance ? (
        <Panel title="Legal-hold segments" subtitle="Sealed copies of held events under hold/<holdId>/; only compliance sees them" flush>
          <SegmentsTable segments={holdSegments} empty="No events are under a standing legal hold." />
        </Panel>
      ) : null}
    </>
  );
}
