import type { ErasureCertificate } from "@/lib/compliance/erasure-certificate";
import { STATE_LABELS } from "@/lib/compliance/erasure-states";
import { formatDateTime, formatInteger } from "@/lib/format";

/** The erasure certificate as a printable document. */
export function CertificateView({ cert }: { cert: ErasureCertificate }) {
  const v = cert.verification;
  return (
    <article className={`certificate${cert.final ? "" : " certificate-draft"}`} aria-label={cert.final ? "Erasure certificate" : "Draft erasure certificate"}>
      <header className="certificate-head">
        <p className="certificate-kind">{cert.final ? "Hindsight · certificate of erasure" : "Hindsight · draft · not a certificate until the erasure is verified"}</p>
        <h1>
          Subject <span className="mono">{cert.request.subjectId}</span>
        </h1>
        <p>
          {cert.final ? "Erasure completed and verified." : `Draft: the request is ${STATE_LABELS[cert.request.status].toLowerCase()}.`} Issued{" "}
          {formatDateTime(cert.issuedAt)}.
        </p>
      </header>
      <section>
        <h2>Request</h2>
        <dl className="facts">
          <dt>Request id</dt>
          <dd className="mono">{cert.request.id}</dd>
          <dt>Reason</dt>
          <dd>{cert.request.reason}</dd>
          <dt>Received</dt>
          <dd>
            {formatDateTime(cert.request.receivedAt)} by {cert.request.requestedBy}
          </dd>
          <dt>Due</dt>
          <dd>{formatDateTime(cert.request.dueAt)}{cert.request.deadlineExtensions.length ? ` (extended ${cert.request.deadlineExtensions.length}×)` : ""}</dd>
          <dt>Known values</dt>
          <dd className="mono break-all">{cert.request.knownValueHashes.length ? cert.request.knownValueHashes.join(", ") : "none given"}</dd>
        </dl>
      </section>
      <section>
        <h2>Found</h2>
        {cert.discovery ? (
          <p>
            {formatInteger(cert.discovery.events)} events in {formatInteger(cert.discovery.streams)} streams
            {cert.discovery.byCategoryAndType.length ? ` (${cert.discovery.byCategoryAndType.map((x) => `${x.what}: ${formatInteger(x.count)}`).join("; ")})` : ""},{" "}
            {formatInteger(cert.discovery.snapshots)} snapshots; discovered {formatDateTime(cert.discovery.at)}.
          </p>
        ) : (
          <p>Not discovered.</p>
        )}
      </section>
      <section>
        <h2>Approvals</h2>
        <ul>
          {cert.approvals.map((a) => (
            <li key={a.role}>
              {a.role === "requested" ? "Requested" : "Approved"} by {a.by}, {formatDateTime(a.at)}
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h2>Done</h2>
        {cert.execution ? (
          <dl className="facts">
            <dt>By</dt>
            <dd>{cert.execution.by}</dd>
            <dt>Key destroyed</dt>
            <dd>{cert.execution.keyDestroyedAt ? `${formatDateTime(cert.execution.keyDestroyedAt)} (key id ${cert.execution.keyId ?? "none: tombstone"})` : "no"}</dd>
            <dt>Snapshots purged</dt>
            <dd>{formatInteger(cert.execution.snapshotsPurged)}</dd>
            <dt>Finished</dt>
            <dd>{formatDateTime(cert.execution.finishedAt)}</dd>
          </dl>
        ) : (
          <p>Not executed.</p>
        )}
      </section>
      <section>
        <h2>Proven</h2>
        {v ? (
          <ul className="certificate-checks">
            <li>{v.keyDestroyed ? "✔" : "✘"} The subject key no longer exists (tombstoned; never re-created).</li>
            {v.envelopes.map((e) => (
              <li key={e.source}>
                {e.decryptable === 0 ? "✔" : "✘"} {formatInteger(e.envelopes)} envelope(s) in {e.source}: {formatInteger(e.decryptable)} decrypt.
              </li>
            ))}
            {v.plaintextSearch.map((p) => (
              <li key={p.source}>
                {p.hits === 0 ? "✔" : "✘"} No plaintext of the known values in {p.source} ({formatInteger(p.scanned)} searched).
              </li>
            ))}
            {v.otherSubjectsUnchanged ? (
              <li>
                {v.otherSubjectsUnchanged.passed ? "✔" : "✘"} Other subjects&apos; data unchanged: {formatInteger(v.otherSubjectsUnchanged.eventsCompared)} events and{" "}
                {formatInteger(v.otherSubjectsUnchanged.snapshotsCompared)} snapshots, digest <span className="mono">{v.otherSubjectsUnchanged.digestAfter?.slice(0, 16)}…</span>
              </li>
            ) : null}
            {v.auditChain ? (
              <li>
                {v.auditChain.ok ? "✔" : "✘"} Audit chain intact ({formatInteger(v.auditChain.entries)} entries).
              </li>
            ) : null}
          </ul>
        ) : (
          <p>Not verified yet.</p>
        )}
      </section>
      <section>
        <h2>Backups</h2>
        <p>{cert.backups.statement}</p>
      </section>
      <footer className="certificate-foot">
        <p>
          Document digest <span className="mono break-all">{cert.digest}</span>. The request&apos;s own key (sealing the known values) is {cert.knownValuesKey}.
        </p>
      </footer>
    </article>
  );
}
