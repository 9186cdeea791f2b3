"use client";

import { useState } from "react";
import { Panel } from "@/components/ui/panel";
import type { ProjectionDetail } from "@/lib/projections/projection-views";
import { useProjection } from "@/lib/projections/use-projection";
import { DrillsPanel } from "./drills-panel";
import { ParkedEvent } from "./parked-event";
import { ProjectionNoticeContext } from "./projection-notice";
import { RebuildProgress } from "./rebuild-progress";
import { RebuildWizard, type WizardPreflight } from "./rebuild-wizard";
import { VersionDiffPanel } from "./version-diff";
import { VersionsTable } from "./versions-table";

type Props = { initial: ProjectionDetail; preflights: WizardPreflight[]; canRebuild: boolean };

/** The projection detail page: versions, parked events, rebuild progress, diff, wizard and drills, polled every second. */
export function ProjectionDetailView({ initial, preflights, canRebuild }: Props) {
  const { data } = useProjection(initial.name, initial);
  const [notice, setNotice] = useState<string | null>(null);
  const p = data ?? initial;
  const builds = p.versions.filter((v) => v.kind === "build");
  const live = builds.find((v) => v.id === p.liveVersionId);
  const replaying = p.versions.filter((v) => v.status === "building" || v.status === "catching_up");
  const green = builds.find((v) => v.status === "catching_up") ?? builds.find((v) => v.id === p.previousVersionId);
  const parked = p.versions.filter((v) => v.parked);
  const maxPartitions = preflights.reduce((m, c) => Math.max(m, c.maxPartitions), 1);
  return (
    <ProjectionNoticeContext.Provider value={setNotice}>
      {notice ? (
        <p className="form-success projection-notice" role="status">
          {notice}
        </p>
      ) : null}
      {parked.map((v) => (
        <Panel key={v.id} title="Parked on a failing event" className="panel-danger">
          <ParkedEvent name={p.name} version={v} canRebuild={canRebuild} />
        </Panel>
      ))}
      <Panel title="Versions" subtitle="The live version serves reads; the previous one keeps following the log until discarded, so rollback is instant." flush>
        <VersionsTable name={p.name} versions={p.versions} liveId={p.liveVersionId} previousId={p.previousVersionId} canRebuild={canRebuild} />
      </Panel>
      {replaying.length ? (
        <Panel title="Rebuild progress" subtitle="Each partition is a pg-boss job over a range of stream_hash; more workers replay faster.">
          {replaying.map((v) => (
            <RebuildProgress key={v.id} name={p.name} version={v} canRebuild={canRebuild} />
          ))}
        </Panel>
      ) : null}
      {green && live && green.id !== live.id ? (
        <Panel title={green.status === "previous" ? "Previous against live" : "Diff before promote"} subtitle="Keys added, removed and changed, with the fields that differ (a full outer join of the two versions' rows).">
          <VersionDiffPanel name={p.name} green={green} live={live} canRebuild={canRebuild} />
        </Panel>
      ) : null}
      <Panel title="Rebuild" subtitle="Build a version from code beside the live one (green beside blue).">
        <RebuildWizard name={p.name} code={p.code} preflights={preflights} builtVersions={builds.map((v) => v.codeVersion)} canRebuild={canRebuild} />
      </Panel>
      <Panel title="Recovery drills" subtitle="How long a rebuild of the live version really takes on this store, measured.">
        <DrillsPanel name={p.name} drills={p.drills} maxPartitions={maxPartitions} canRebuild={canRebuild} />
      </Panel>
    </ProjectionNoticeContext.Provider>
  );
}
