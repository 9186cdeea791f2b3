import "server-only";
import { z } from "zod";
import { defineRuleKind, type AlertFinding } from "../alerts/rule-kind";
import { versionLag } from "./get-projection";
import { projectionRegistry } from "./registry";

const projectionParam = z.string().trim().max(63).optional().transform((v) => v || undefined);

const lagParams = z.object({
  projection: projectionParam,
  maxEvents: z.coerce.number().int().min(0).default(1_000),
  maxSeconds: z.coerce.number().min(0).default(60),
});

/** A live projection that has fallen behind the log: more than N events, or its oldest unapplied event older than S seconds. */
export const projectionLagKind = defineRuleKind({
  kind: "projection_lag",
  label: "Projection lag",
  description: "A live projection is behind the log by more than a number of events or seconds (a parked projection falls behind too).",
  fields: [
    { name: "projection", label: "Projection", type: "text", placeholder: "all projections", optional: true, help: "A projection name, or empty for all" },
    { name: "maxEvents", label: "Events behind", type: "number", min: 0, default: 1_000, unit: "events" },
    { name: "maxSeconds", label: "Seconds behind", type: "number", min: 0, default: 60, unit: "s" },
  ],
  params: lagParams,
  describe: (p) => `${p.projection ?? "any projection"}: more than ${p.maxEvents} events or ${p.maxSeconds} s behind the log`,
  async evaluate({ db, params }) {
    const { rows } = await db.query<{ name: string; id: number; code_version: number; tx_id: string; global_position: number; parked_error: string | null }>(
      `SELECT v.name, v.id, v.code_version, v.tx_id::text AS tx_id, v.global_position, v.parked_error
         FROM projection_live l JOIN projection_versions v ON v.id = l.version_id
        WHERE $1::text IS NULL OR l.name = $1 ORDER BY l.name`,
      [params.projection ?? null],
    );
    const findings: AlertFinding[] = [];
    for (const r of rows) {
      const def = projectionRegistry().find(r.name, r.code_version);
      if (!def) continue;
      const lag = await versionLag(db, def.categories, r.tx_id, r.global_position);
      if (lag.events <= params.maxEvents && lag.seconds <= params.maxSeconds) continue;
      findings.push({
        key: `projection:${r.name}`,
        summary: `${r.name}: ${lag.events} events, ${Math.round(lag.seconds)} s behind the log (threshold ${params.maxEvents} events / ${params.maxSeconds} s)${r.parked_error ? " — parked on a failing event" : ""}`,
        details: { projection: r.name, versionId: r.id, lagEvents: lag.events, lagSeconds: lag.seconds, maxEvents: params.maxEvents, maxSeconds: params.maxSeconds, parked: r.parked_error },
        href: `/projections/${r.name}`,
      });
    }
    return findings;
  },
});

/** The latest drill of a projection that has an objective took longer than it: recovery would be too slow. */
export const drillObjectiveKind = defineRuleKind({
  kind: "drill_objective",
  label: "Drill slower than its objective",
  description: "The latest recovery drill of a projection took longer than its recovery-time objective (set by the domain's drill schedule).",
  fields: [{ name: "projection", label: "Projection", type: "text", placeholder: "all projections", optional: true, help: "A projection name, or empty for all" }],
  params: z.object({ projection: projectionParam }),
  describe: (p) => `the latest drill of ${p.projection ?? "any projection"} is slower than its objective`,
  async evaluate({ db, params }) {
    const { rows } = await db.query<{ name: string; id: number; code_version: number; seconds: number; rto_seconds: number; finished_at: string }>(
      `SELECT DISTINCT ON (name) name, id, code_version, seconds, rto_seconds, finished_at FROM projection_drills
        WHERE status = 'completed' AND rto_seconds IS NOT NULL AND ($1::text IS NULL OR name = $1)
        ORDER BY name, finished_at DESC`,
      [params.projection ?? null],
    );
    return rows
      .filter((r) => r.seconds > r.rto_seconds)
      .map((r) => ({
        key: `projection:${r.name}`,
        summary: `drill of ${r.name} v${r.code_version} took ${r.seconds.toFixed(1)} s, over its ${r.rto_seconds} s objective`,
        details: { projection: r.name, drillId: r.id, seconds: r.seconds, rtoSeconds: r.rto_seconds, finishedAt: r.finished_at },
        href: `/projections/${r.name}`,
      }));
  },
});

/** A rebuild (or drill) that failed on an event; it resolves when the failed version is discarded. */
export const rebuildFailedKind = defineRuleKind({
  kind: "rebuild_failed",
  label: "Rebuild failed",
  description: "A projection rebuild or recovery drill stopped on an event its new version cannot evolve.",
  fields: [{ name: "projection", label: "Projection", type: "text", placeholder: "all projections", optional: true, help: "A projection name, or empty for all" }],
  params: z.object({ projection: projectionParam }),
  describe: (p) => `a rebuild of ${p.projection ?? "any projection"} failed`,
  async evaluate({ db, params }) {
    const { rows } = await db.query<{ name: string; id: number; code_version: number; kind: string; error: string | null }>(
      "SELECT name, id, code_version, kind, error FROM projection_versions WHERE status = 'failed' AND ($1::text IS NULL OR name = $1) ORDER BY id",
      [params.projection ?? null],
    );
    return rows.map((r) => ({
      key: `projection:${r.name}:${r.id}`,
      summary: `${r.kind === "drill" ? "drill" : "rebuild"} of ${r.name} v${r.code_version} (#${r.id}) failed: ${r.error ?? "unknown error"}`,
      details: { projection: r.name, versionId: r.id, codeVersion: r.code_version, kind: r.kind, error: r.error },
      href: `/projections/${r.name}`,
    }));
  },
});
