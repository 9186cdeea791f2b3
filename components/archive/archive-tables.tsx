import { Badge } from "@/components/ui/badge";
import { TimeAgo } from "@/components/ui/time-ago";
import { formatBytes, formatDateTime, formatInteger } from "@/lib/format";
import type { ArchivePolicy } from "@/lib/archive/archive-policies";
import type { ArchiveRunInfo, ArchiveSegmentInfo } from "@/lib/archive/list-archive";
import { PolicyActions } from "./policy-actions";

/** Every policy with its rule, what it moved, what is due, and (for ops) its buttons. */
export function PoliciesTable({ policies, canManage }: { policies: ArchivePolicy[]; canManage: boolean }) {
  if (policies.length === 0) return <p className="panel-empty muted">No policies yet.{canManage ? " Create one above: events older than its age move to cold storage." : ""}</p>;
  return (
    <div className="archive-table-wrap">
      <table className="table" data-testid="policies">
        <thead>
          <tr>
            <th scope="col">Category</th>
            <th scope="col">Rule</th>
            <th scope="col" className="num">Hot</th>
            <th scope="col" className="num" title="Older than the policy's age, to the hour (from the hourly rollups), not yet archived; held events included">Due</th>
            <th scope="col" className="num">Archived</th>
            <th scope="col">Changed</th>
            {canManage ? <th scope="col"><span className="visually-hidden">Actions</span></th> : null}
          </tr>
        </thead>
        <tbody>
          {policies.map((p) => (
            <tr key={p.category} data-policy={p.category}>
              <th scope="row" className="cell-strong">{p.category}</th>
              <td>
                older than {p.olderThanDays} days {p.historyOnly ? <Badge tone="info">history only</Badge> : <Badge title="Only events a valid snapshot covers">behind snapshots</Badge>}{" "}
                {p.enabled ? null : <Badge tone="warning">paused</Badge>}
              </td>
              <td className="num">{formatInteger(p.hotEvents)}</td>
              <td className="num">{formatInteger(p.dueEvents)}</td>
              <td className="num" title={`${formatBytes(p.archivedEventBytes)} of event data in ${formatBytes(p.coldBytes)} compressed`}>{formatInteger(p.archivedEvents)}</td>
              <td className="muted">
                <TimeAgo time={p.updatedAt} /> · created by {p.createdBy}
              </td>
              {canManage ? (
                <td className="num">
                  <PolicyActions category={p.category} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const RUN_TONE = { succeeded: "success", failed: "danger", skipped: "neutral", running: "info" } as const;

/** The latest runs: what each moved, what holds kept back, and why a failed one failed. */
export function RunsTable({ runs }: { runs: ArchiveRunInfo[] }) {
  if (runs.length === 0) return <p className="panel-empty muted">No runs yet: policies run every hour, or use “Run now”.</p>;
  return (
    <div className="archive-table-wrap">
      <table className="table" data-testid="runs">
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Category</th>
            <th scope="col">Trigger</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">Events</th>
            <th scope="col" className="num">Segments</th>
            <th scope="col" className="num">Compressed</th>
            <th scope="col" className="num">Held back</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id}>
              <td title={formatDateTime(r.startedAt)}>
                <TimeAgo time={r.startedAt} />
              </td>
              <td>{r.category}</td>
              <td className="muted">{r.trigger}</td>
              <td>
                <Badge tone={RUN_TONE[r.status]}>{r.status}</Badge>
                {r.error ? <div className="row-message error">{r.error}</div> : null}
                {r.orphans > 0 ? <div className="muted">{r.orphans} orphan object(s) of a crashed run removed</div> : null}
              </td>
              <td className="num">{formatInteger(r.events)}</td>
              <td className="num">{formatInteger(r.segments)}</td>
              <td className="num">{formatBytes(r.bytes)}</td>
              <td className="num">{r.heldBack > 0 ? <span title="Old enough, but under a legal hold">{formatInteger(r.heldBack)}</span> : "0"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Segments in the archive store with their manifest figures. */
export function SegmentsTable({ segments, empty }: { segments: ArchiveSegmentInfo[]; empty: string }) {
  if (segments.length === 0) return <p className="panel-empty muted">{empty}</p>;
  return (
    <div className="archive-table-wrap">
      <table className="table" data-testid="segments">
        <thead>
          <tr>
            <th scope="col">Object</th>
            <th scope="col">Category</th>
            <th scope="col">Streams</th>
            <th scope="col">Recorded</th>
            <th scope="col" className="num">Events</th>
            <th scope="col" className="num">Size</th>
            <th scope="col">SHA-256</th>
          </tr>
        </thead>
        <tbody>
          {segments.map((s) => (
            <tr key={s.id}>
              <td className="archive-key" title={s.objectKey}>
                <code>{s.objectKey}</code>
              </td>
              <td>{s.category}</td>
              <td className="muted" title={`${s.firstStreamId} … ${s.lastStreamId}`}>
                {s.streamCount === 1 ? s.firstStreamId : `${formatInteger(s.streamCount)} (${s.firstStreamId} …)`}
              </td>
              <td className="muted" title={`${formatDateTime(s.firstRecordedAt)} – ${formatDateTime(s.lastRecordedAt)}`}>
                {s.firstRecordedAt.slice(0, 10)} – {s.lastRecordedAt.slice(0, 10)}
              </td>
              <td className="num">{formatInteger(s.eventCount)}</td>
              <td className="num nowrap" title={`${formatBytes(s.eventBytes)} of event data`}>{formatBytes(s.bytes)}</td>
              <td>
                <code title={s.sha256}>{s.sha256.slice(0, 12)}…</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
