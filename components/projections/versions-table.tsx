"use client";

import { DataTable } from "@/components/ui/data-table";
import { Badge } from "@/components/ui/badge";
import { formatDateTime, formatDuration, formatInteger, formatPerSecond } from "@/lib/format";
import { discardVersionAction, rollbackVersionAction } from "@/lib/projections/projection-actions";
import type { VersionView } from "@/lib/projections/projection-views";
import { ActionForm } from "./action-form";
import { formatPosition, STATUS_LABEL } from "./format";

type Props = { name: string; versions: VersionView[]; liveId: number | null; previousId: number | null; canRebuild: boolean };

const TONE: Record<string, "success" | "warning" | "danger" | "neutral" | "info"> = { live: "success", building: "warning", catching_up: "info", previous: "neutral", failed: "danger" };

/** Every stored version: status, position, lag and rate; rollback on the live one, discard on the others. */
export function VersionsTable({ name, versions, liveId, previousId, canRebuild }: Props) {
  const previous = versions.find((v) => v.id === previousId);
  return (
    <DataTable label="Version list" className="versions-table">
      <thead>
        <tr>
          <th scope="col">Version</th>
          <th scope="col">Status</th>
          <th scope="col" className="num">Position</th>
          <th scope="col" className="num">Lag</th>
          <th scope="col" className="num">Rate</th>
          <th scope="col">Started</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {versions.map((v) => (
          <tr key={v.id} data-version={v.id}>
            <th scope="row">
              {v.kind === "drill" ? "drill " : ""}v{v.codeVersion} <span className="muted">#{v.id}</span>
            </th>
            <td>
              <Badge tone={TONE[v.status] ?? "neutral"}>{STATUS_LABEL[v.status]}</Badge>
              {v.paused ? <Badge tone="warning">paused</Badge> : null}
              {v.parked ? <Badge tone="danger">parked</Badge> : null}
            </td>
            <td className="num mono">{formatPosition(v.position)}</td>
            <td className="num">{v.lagEvents === null ? "—" : `${formatInteger(v.lagEvents)} ev · ${formatDuration(v.lagSeconds)}`}</td>
            <td className="num">{formatPerSecond(v.followRate)}</td>
            <td>{formatDateTime(v.createdAt)}</td>
            <td>
              {canRebuild && v.id === liveId && previous?.status === "previous" ? (
                <ActionForm action={rollbackVersionAction} projection={name} fields={{ name }} label={`Roll back to v${previous.codeVersion}`} confirm={`Make v${previous.codeVersion} (#${previous.id}) live again? It has kept following the log.`} />
              ) : null}
              {canRebuild && v.id !== liveId && v.status !== "building" ? (
                <ActionForm action={discardVersionAction} projection={name} fields={{ name, versionId: v.id }} label="Discard" tone="danger" confirm={`Discard v${v.codeVersion} (#${v.id})? Its rows partition is dropped.`} />
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
