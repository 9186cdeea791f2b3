import type { Metadata } from "next";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { ProjectionsTable } from "@/components/projections/projections-table";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { requirePagePermission } from "@/lib/auth/require-permission";
import { listProjections } from "@/lib/projections/list-projections";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Projections" };

export default async function ProjectionsPage() {
  await requirePagePermission("events.read");
  const projections = await listProjections();
  return (
    <>
      <PageHeader
        title="Projections"
        description="Read models built from the log: each has one live version that follows the log gap-safely. Open one to rebuild it beside the live version, compare, promote and roll back."
      />
      <Panel title="Projections in code" subtitle="Lag counts the readable events of its categories not yet applied, and the age of the oldest one." flush>
        <ProjectionsTable projections={projections} />
      </Panel>
      <AutoRefresh seconds={5} />
    </>
  );
}
