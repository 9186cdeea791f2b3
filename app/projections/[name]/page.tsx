import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ProjectionDetailView } from "@/components/projections/projection-detail";
import type { WizardPreflight } from "@/components/projections/rebuild-wizard";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/require-permission";
import { getProjection } from "@/lib/projections/get-projection";
import { preflight } from "@/lib/projections/preflight";
import { projectionRegistry } from "@/lib/projections/registry";

export const dynamic = "force-dynamic";

export async function generateMetadata(props: { params: Promise<{ name: string }> }): Promise<Metadata> {
  const { name } = await props.params;
  return { title: `${projectionRegistry().latest(name)?.title ?? name} · Projections` };
}

export default async function ProjectionPage(props: { params: Promise<{ name: string }> }) {
  const viewer = await requirePagePermission("events.read");
  const { name } = await props.params;
  const detail = await getProjection(name);
  if (!detail) notFound();
  const preflights: WizardPreflight[] = await Promise.all(
    projectionRegistry().versions(name).map(async (def) => {
      const p = await preflight(def);
      return { version: p.version, ok: p.ok, offenders: p.offenders, reads: p.reads, events: p.events, maxPartitions: p.maxPartitions, measuredRate: p.measuredRate, estimateSeconds: p.estimateSeconds };
    }),
  );
  return (
    <>
      <PageHeader
        eyebrow={<Link href="/projections">Projections</Link>}
        title={detail.title}
        description={<span className="mono">{detail.name}</span>}
      />
      <ProjectionDetailView initial={detail} preflights={preflights} canRebuild={viewer.permissions.has("projections.rebuild")} />
    </>
  );
}
