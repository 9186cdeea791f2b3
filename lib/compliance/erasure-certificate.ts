import "server-only";
import { createHash } from "node:crypto";
import type { ErasureRequest } from "./erasure-request";
import { env, type EnvSource } from "../env";

/** How long backups keep a destroyed key (HINDSIGHT_BACKUP_RETENTION_DAYS, default 35): stated on every certificate. */
export function backupRetentionDays(source?: EnvSource): number {
  return env("HINDSIGHT_BACKUP_RETENTION_DAYS", source);
}

export type ErasureCertificate = ReturnType<typeof buildCertificate>;

/**
 * The certificate of an erasure: what was asked, found, approved, done (when, by whom) and
 * proven, with hashes only (sha256 of the known values; a digest of the whole document).
 */
export function buildCertificate(r: ErasureRequest, now = new Date()) {
  const retention = backupRetentionDays();
  const keyDestroyedAt = r.execution?.keyDestroyedAt ?? null;
  const backupsClearBy = keyDestroyedAt ? new Date(Date.parse(keyDestroyedAt) + retention * 86_400_000).toISOString() : null;
  const body = {
    kind: "hindsight.erasure-certificate/v1",
    issuedAt: now.toISOString(),
    final: r.status === "completed",
    request: {
      id: r.id,
      subjectId: r.subjectId,
      status: r.status,
      reason: r.reason,
      receivedAt: r.receivedAt,
      dueAt: r.dueAt,
      requestedBy: r.requestedByLabel,
      deadlineExtensions: r.extensions.map((e) => ({ at: e.at, by: e.byLabel, days: e.days, reason: e.reason })),
      knownValueHashes: r.knownValueHashes.map((h) => `sha256:${h}`),
    },
    discovery: r.discovery
      ? {
          at: r.discovery.at,
          events: r.discovery.events,
          streams: r.discovery.streams,
          snapshots: r.discovery.snapshots,
          byCategoryAndType: r.discovery.holdings.filter((h) => h.source === "events").map((h) => ({ what: h.label, count: h.count })),
          // What later scanners (projection rows, archive segments) found, by source.
          elsewhere: Object.entries(
            r.discovery.holdings
              .filter((h) => !["events", "streams", "snapshots"].includes(h.source))
              .reduce<Record<string, number>>((acc, h) => ({ ...acc, [h.source]: (acc[h.source] ?? 0) + h.count }), {}),
          ).map(([source, count]) => ({ source, count })),
          holdsAtDiscovery: r.discovery.holds.map((h) => ({ id: h.id, scope: h.scope, target: h.target })),
        }
      : null,
    approvals: [
      { role: "requested", by: r.requestedByLabel, at: r.receivedAt },
      ...(r.approvedByLabel ? [{ role: "approved", by: r.approvedByLabel, at: r.approvedAt }] : []),
    ],
    execution: r.execution
      ? {
          by: "erasure worker (pg-boss job)",
          startedAt: r.execution.startedAt,
          finishedAt: r.execution.finishedAt,
          keyId: r.execution.keyId,
          keyDestroyedAt,
          snapshotsPurged: r.execution.snapshotsPurged,
          afterErasureHooks: r.execution.hooks,
        }
      : null,
    verification: r.verification
      ? {
          passed: r.verification.passed,
          finishedAt: r.verification.finishedAt,
          keyDestroyed: r.verification.keyDestroyed,
          envelopes: r.verification.envelopes,
          plaintextSearch: r.verification.plaintext.map((p) => ({ source: p.source, scanned: p.scanned, hits: p.hits.length })),
          otherSubjectsUnchanged: r.verification.othersUnchanged
            ? {
                passed: r.verification.othersUnchanged.passed,
                eventsCompared: r.verification.othersUnchanged.before?.events ?? 0,
                snapshotsCompared: r.verification.othersUnchanged.before?.snapshots ?? 0,
                digestBefore: r.verification.othersUnchanged.before?.digest ?? null,
                digestAfter: r.verification.othersUnchanged.after?.digest ?? null,
              }
            : null,
          auditChain: r.verification.auditChain,
        }
      : null,
    knownValuesKey: r.knownValuesHeld ? "still held (destroyed when the request completes)" : "destroyed",
    backups: {
      retentionDays: retention,
      statement: `Backups taken before the key was destroyed still hold it for up to ${retention} days${backupsClearBy ? ` (until ${backupsClearBy.slice(0, 10)})` : ""}; they are not restored for any purpose other than disaster recovery, and a restore re-applies this erasure.`,
      clearBy: backupsClearBy,
    },
    history: r.history,
  };
  const digest = createHash("sha256").update(JSON.stringify(body)).digest("hex");
  return { ...body, digest: `sha256:${digest}` };
}
