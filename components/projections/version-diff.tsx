"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { formatInteger } from "@/lib/format";
import type { DiffKind } from "@/lib/projections/diff-versions";
import { promoteVersionAction } from "@/lib/projections/projection-actions";
import type { VersionView } from "@/lib/projections/projection-views";
import { useVersionDiff } from "@/lib/projections/use-version-diff";
import { ActionForm } from "./action-form";

function value(v: unknown): string {
  return v === undefined ? "∅" : JSON.stringify(v);
}

type Props = { name: string; green: VersionView; live: VersionView; canRebuild: boolean };

/** Green against blue, key by key, with the promote button that names the diff's size. */
export function VersionDiffPanel({ name, green, live, canRebuild }: Props) {
  const [kind, setKind] = useState<DiffKind | "">("");
  const [prefix, setPrefix] = useState("");
  // Refetch whenever either side applies more events.
  const stamp = `${green.position.globalPosition}:${live.position.globalPosition}:${green.status}`;
  const { data, isFetching, error } = useVersionDiff(name, { green: green.id, kind, prefix }, stamp);
  const diff = data?.diff;
  const counts = diff?.counts;
  const size = counts ? `${formatInteger(counts.changed)} changed, ${formatInteger(counts.added)} added, ${formatInteger(counts.removed)} removed` : "";
  const caughtUp = green.status === "catching_up" && green.caughtUpAt !== null && green.lagEvents === 0;
  return (
    <div className="version-diff" aria-busy={isFetching}>
      <p>
        v{green.codeVersion} (#{green.id}) against the live v{live.codeVersion} (#{live.id}):{" "}
        {counts ? (
          <>
            <Badge tone={counts.changed ? "warning" : "neutral"}>{formatInteger(counts.changed)} changed</Badge> <Badge tone={counts.added ? "info" : "neutral"}>{formatInteger(counts.added)} added</Badge>{" "}
            <Badge tone={counts.removed ? "danger" : "neutral"}>{formatInteger(counts.removed)} removed</Badge>
          </>
        ) : (
          "comparing…"
        )}
      </p>
      {error ? <p className="form-error">{error.message}</p> : null}
      <div className="inline-form diff-filters">
        <label htmlFor="diff-kind">Show</label>
        <select id="diff-kind" className="input" value={kind} onChange={(e) => setKind(e.target.value as DiffKind | "")}>
          <option value="">all differences</option>
          <option value="changed">changed keys</option>
          <option value="added">added keys</option>
          <option value="removed">removed keys</option>
        </select>
        <label htmlFor="diff-prefix">Key starts with</label>
        <input id="diff-prefix" className="input mono" value={prefix} onChange={(e) => setPrefix(e.target.value)} placeholder={diff?.rows[0] ? `e.g. ${diff.rows[0].key.slice(0, 24)}` : "a key prefix"} />
      </div>
      {diff && diff.rows.length ? (
        <table className="table compact diff-table">
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Difference</th>
              <th scope="col">Fields (live → v{green.codeVersion})</th>
            </tr>
          </thead>
          <tbody>
            {diff.rows.map((r) => (
              <tr key={r.key}>
                <td className="mono">{r.key}</td>
                <td>{r.kind}</td>
                <td>
                  <ul className="diff-fields">
                    {r.changes.map((c) => (
                      <li key={c.path} className="mono small">
                        <strong>{c.path || "(row)"}</strong>: {value(c.before)} → {value(c.after)}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : diff ? (
        <p className="muted">No differences{kind || prefix ? " match the filter" : ""}.</p>
      ) : null}
      {diff && diff.rows.length === diff.limit ? <p className="muted small">The first {diff.limit} keys are shown; filter to see others.</p> : null}
      {green.status === "catching_up" && counts ? (
        <ActionForm
          action={promoteVersionAction}
          projection={name}
          fields={{ name, versionId: green.id, added: counts.added, removed: counts.removed, changed: counts.changed }}
          label={`Promote v${green.codeVersion}`}
          pendingLabel="Promoting…"
          tone="primary"
          disabled={!canRebuild || !caughtUp}
          title={!canRebuild ? "Promoting needs the projections.rebuild permission" : !caughtUp ? "Green must catch up with the log first" : undefined}
          confirm={`Promote v${green.codeVersion} (#${green.id}) to live? It differs from the live version on ${size}. The live version keeps following the log, so you can roll back.`}
        />
      ) : null}
    </div>
  );
}
