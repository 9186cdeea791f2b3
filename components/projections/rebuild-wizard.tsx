"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { formatDuration, formatInteger } from "@/lib/format";
import { startRebuildAction } from "@/lib/projections/projection-actions";
import type { CodeVersionView } from "@/lib/projections/projection-views";
import { ActionForm } from "./action-form";

/** What the page computed for each code version: the preflight, serialisable. */
export type WizardPreflight = {
  version: number;
  ok: boolean;
  offenders: { type: string; storedVersion: number; deliveredVersion: number; events: number }[];
  reads: { type: string; storedVersion: number; deliveredVersion: number; events: number; accepted: boolean; upcasted: boolean }[];
  events: number;
  maxPartitions: number;
  measuredRate: number | null;
  estimateSeconds: number | null;
};

type Props = { name: string; code: CodeVersionView[]; preflights: WizardPreflight[]; builtVersions: number[]; canRebuild: boolean };

/** Rebuild wizard: pick a code version, read its preflight, choose partitions, start. */
export function RebuildWizard({ name, code, preflights, builtVersions, canRebuild }: Props) {
  const buildable = code.filter((c) => !builtVersions.includes(c.version));
  const [version, setVersion] = useState<number | null>(buildable.at(-1)?.version ?? null);
  const check = preflights.find((p) => p.version === version);
  const def = code.find((c) => c.version === version);
  const [partitions, setPartitions] = useState(Math.min(4, check?.maxPartitions ?? 1));
  const readOnly = canRebuild ? null : (
    <p className="read-only-notice" data-testid="wizard-read-only">
      <strong>Read only.</strong> Starting a rebuild needs the Ops or Admin role; you can read what each version&rsquo;s rebuild would replay.
    </p>
  );
  if (!buildable.length)
    return (
      <>
        {readOnly}
        <p className="muted">Every version in code is built. Discard one to rebuild it, or add a new version to the projection&rsquo;s definition.</p>
      </>
    );
  const P = Math.min(partitions, check?.maxPartitions ?? 1);
  return (
    <div className="rebuild-wizard" data-read-only={canRebuild ? undefined : "true"}>
      {readOnly}
      <ol className="wizard-steps">
        <li>
          <h3>1. Version</h3>
          <div className="inline-form">
            <label htmlFor="wizard-version">{canRebuild ? "Build" : "Show the preflight of"}</label>
            <select id="wizard-version" className="input" value={version ?? ""} onChange={(e) => setVersion(Number(e.target.value))}>
              {buildable.map((c) => (
                <option key={c.version} value={c.version}>
                  v{c.version} — {c.changes}
                </option>
              ))}
            </select>
          </div>
          {def ? (
            <p className="muted small">
              Reads {def.categories.join(", ")}; {def.upcast ? "events upcast to their latest schema version" : "events as stored (no upcasting)"};{" "}
              {def.keyFromStreamIdOnly ? "keyed by stream, so it replays in parallel partitions." : "its key spans streams, so it replays as one partition in log order."}
            </p>
          ) : null}
        </li>
        <li>
          <h3>2. Preflight</h3>
          {check ? (
            <>
              <p>
                {check.ok ? <Badge tone="success">compatible</Badge> : <Badge tone="danger">refused</Badge>} {formatInteger(check.events)} events to replay
                {check.estimateSeconds !== null ? ` · about ${formatDuration(check.estimateSeconds / P)} with ${P} partition(s) at the ${formatInteger(Math.round(check.measuredRate!))} ev/s per partition measured here` : " · no replay measured on this store yet, so no estimate"}
              </p>
              {!check.ok ? (
                <div className="form-error" role="alert">
                  v{check.version} cannot read:{" "}
                  {check.offenders.map((o) => `${o.type} v${o.storedVersion} (${formatInteger(o.events)} events, delivered as v${o.deliveredVersion})`).join(", ")}
                </div>
              ) : null}
              <table className="table compact">
                <thead>
                  <tr>
                    <th scope="col">Type</th>
                    <th scope="col" className="num">Stored</th>
                    <th scope="col" className="num">Delivered</th>
                    <th scope="col" className="num">Events</th>
                    <th scope="col">Accepted</th>
                  </tr>
                </thead>
                <tbody>
                  {check.reads.map((r) => (
                    <tr key={`${r.type}-${r.storedVersion}`}>
                      <td className="mono">{r.type}</td>
                      <td className="num">v{r.storedVersion}</td>
                      <td className="num">v{r.deliveredVersion}{r.upcasted ? " (upcast)" : ""}</td>
                      <td className="num">{formatInteger(r.events)}</td>
                      <td>{r.accepted ? "yes" : <strong>no</strong>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
        </li>
        <li>
          <h3>3. Partitions</h3>
          {canRebuild ? (
            <div className="inline-form">
              <label htmlFor="wizard-partitions">Partitions (ranges of stream_hash, one pg-boss job each)</label>
              <input id="wizard-partitions" type="number" className="input" min={1} max={check?.maxPartitions ?? 1} value={P} disabled={(check?.maxPartitions ?? 1) === 1} onChange={(e) => setPartitions(Number(e.target.value) || 1)} />
            </div>
          ) : (
            <p className="muted">Up to {formatInteger(check?.maxPartitions ?? 1)} partition(s): ranges of stream_hash, one pg-boss job each.</p>
          )}
        </li>
        <li>
          <h3>4. Start</h3>
          {!canRebuild ? (
            <p className="muted" data-testid="wizard-reason">
              Not available to you: rebuilds are started by Ops or Admin (the projections.rebuild permission).
            </p>
          ) : (
            <>
              <ActionForm
                action={startRebuildAction}
                projection={name}
                fields={{ name, codeVersion: version ?? 0, partitions: P }}
                label={`Start rebuild of v${version}`}
                pendingLabel="Starting…"
                tone="primary"
                disabled={!check?.ok}
              />
              {!check?.ok ? <p className="muted" data-testid="wizard-reason">The preflight refused v{version}: fix or upcast the types listed above first.</p> : null}
            </>
          )}
        </li>
      </ol>
    </div>
  );
}
