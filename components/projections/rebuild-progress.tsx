"use client";

import { ProgressBar } from "@/components/ui/progress-bar";
import { formatDuration, formatInteger, formatPerSecond } from "@/lib/format";
import { controlRebuildAction } from "@/lib/projections/projection-actions";
import type { VersionView } from "@/lib/projections/projection-views";
import { ActionForm } from "./action-form";

/** A rebuild's replay: overall and per-partition bars, rate, ETA, elapsed; pause, resume, cancel. */
export function RebuildProgress({ name, version, canRebuild }: { name: string; version: VersionView; canRebuild: boolean }) {
  const replaying = version.status === "building";
  const label = version.kind === "drill" ? `Drill #${version.id}` : `v${version.codeVersion} (#${version.id})`;
  return (
    <div className="rebuild-progress" data-version={version.id}>
      <div className="rebuild-head">
        <strong>{label}</strong>
        <span className="muted">
          {replaying ? (version.paused ? "paused" : "replaying") : version.status === "catching_up" ? (version.caughtUpAt ? "replayed, caught up with the log" : "replayed, catching up with the log") : version.status}
        </span>
        <span className="rebuild-figures">
          {formatInteger(version.replayDone)} / {formatInteger(version.replayTotal)} events · {formatPerSecond(version.replayRate)} · ETA {replaying ? formatDuration(version.etaSeconds) : "—"} · elapsed {formatDuration(version.elapsedSeconds)}
        </span>
        {replaying && canRebuild ? (
          <span className="button-row">
            <ActionForm action={controlRebuildAction} projection={name} fields={{ name, versionId: version.id, op: version.paused ? "resume" : "pause" }} label={version.paused ? "Resume" : "Pause"} />
            <ActionForm action={controlRebuildAction} projection={name} fields={{ name, versionId: version.id, op: "cancel" }} label="Cancel" tone="danger" confirm={`Cancel the rebuild of ${label}? Its rows are dropped.`} />
          </span>
        ) : null}
      </div>
      <ProgressBar done={version.replayDone} total={version.replayTotal} label={`${label} replay`} />
      {version.error ? <p className="form-error" role="alert">{version.error}</p> : null}
      <table className="table compact partitions-table">
        <thead>
          <tr>
            <th scope="col">Partition</th>
            <th scope="col">stream_hash range</th>
            <th scope="col" className="wide">Progress</th>
            <th scope="col" className="num">Events</th>
            <th scope="col" className="num">Rate</th>
            <th scope="col" className="num">ETA</th>
            <th scope="col" className="num">Elapsed</th>
          </tr>
        </thead>
        <tbody>
          {version.partitions.map((p) => (
            <tr key={p.partition}>
              <td>
                #{p.partition} <span className="muted">{p.status}{p.dispatches > 1 ? ` · sent ${p.dispatches}×` : ""}</span>
              </td>
              <td className="mono small">{version.partitions.length === 1 && p.hashFrom === -2147483648 ? "all (log order)" : `${p.hashFrom} … ${p.hashTo}`}</td>
              <td className="wide">
                <ProgressBar done={p.done} total={p.total} label={`partition ${p.partition}`} />
                {p.error ? <div className="form-error small">{p.error}</div> : null}
              </td>
              <td className="num">{formatInteger(p.done)} / {formatInteger(p.total)}</td>
              <td className="num">{formatPerSecond(p.rate)}</td>
              <td className="num">{formatDuration(p.etaSeconds)}</td>
              <td className="num">{formatDuration(p.elapsedSeconds)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
