import { Badge } from "@/components/ui/badge";
import type { ErasureRequest } from "@/lib/compliance/erasure-request";
import { formatDateTime, formatInteger } from "@/lib/format";

/** What execution did and what verification proved, check by check. */
export function VerificationPanel({ request: r }: { request: ErasureRequest }) {
  const e = r.execution;
  const v = r.verification;
  const check = (ok: boolean | null | undefined) => (ok === null || ok === undefined ? <Badge>pending</Badge> : ok ? <Badge tone="success">passed</Badge> : <Badge tone="danger">failed</Badge>);
  return (
    <div className="verification">
      {e ? (
        <dl className="facts">
          <dt>Key destroyed</dt>
          <dd>{e.keyDestroyedAt ? `${formatDateTime(e.keyDestroyedAt)} (key ${e.keyId ?? "none: tombstone"})` : "not yet"}</dd>
          <dt>Snapshots purged</dt>
          <dd>{formatInteger(e.snapshotsPurged)}</dd>
          <dt>After-erasure hooks</dt>
          <dd>{e.hooks.length ? e.hooks.map((h) => `${h.name}: ${h.summary}`).join("; ") : "none registered"}</dd>
          <dt>Execution</dt>
          <dd>
            {formatDateTime(e.startedAt)} → {e.finishedAt ? formatDateTime(e.finishedAt) : "running"}
          </dd>
        </dl>
      ) : null}
      {v ? (
        <table className="table verification-table">
          <thead>
            <tr>
              <th scope="col">Check</th>
              <th scope="col">Result</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Subject key destroyed</th>
              <td>{check(v.keyDestroyed)}</td>
              <td />
            </tr>
            {v.envelopes.map((x) => (
              <tr key={`env-${x.source}`}>
                <th scope="row">No envelope decrypts ({x.source})</th>
                <td>{check(x.decryptable === 0)}</td>
                <td>
                  {formatInteger(x.envelopes)} envelope(s), {formatInteger(x.decryptable)} decrypt
                </td>
              </tr>
            ))}
            {v.plaintext.map((x) => (
              <tr key={`pt-${x.source}`}>
                <th scope="row">No known value in plaintext ({x.source})</th>
                <td>{check(x.hits.length === 0)}</td>
                <td>
                  {formatInteger(x.scanned)} scanned{x.hits.length ? `; found in ${x.hits.map((h) => h.where).join(", ")}` : ""}
                </td>
              </tr>
            ))}
            <tr>
              <th scope="row">Other subjects&apos; data unchanged</th>
              <td>{check(v.othersUnchanged?.passed)}</td>
              <td>
                {v.othersUnchanged?.before
                  ? `${formatInteger(v.othersUnchanged.before.events)} events and ${formatInteger(v.othersUnchanged.before.snapshots)} snapshots compared byte for byte`
                  : ""}
              </td>
            </tr>
            <tr>
              <th scope="row">Audit chain intact</th>
              <td>{check(v.auditChain?.ok)}</td>
              <td>{v.auditChain ? `${formatInteger(v.auditChain.entries)} entries` : ""}</td>
            </tr>
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
