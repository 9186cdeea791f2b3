import "server-only";
import type pg from "pg";
import { z } from "zod";
import { defineRuleKind, type AlertFinding } from "../alerts/rule-kind";
import { formatInteger, shortId } from "../format";
import { logTables } from "../source/log-tables";
import { categoryOf } from "../store/stream-id";
import { findTypeCycles, type TypeEdge } from "./cycles";

/** Where a finding about a correlation points: its causation graph. */
export const correlationHref = (correlationId: string) => `/causation?correlation=${correlationId}`;

const windowField = { name: "windowMinutes", label: "Window", type: "number", min: 1, max: 10_080, step: 1, unit: "minutes", default: 60, help: "Events recorded in this many minutes before each evaluation." } as const;

/** Each correlation active in the window, with the cause type → effect type pairs of its events. */
const pairsSql = (events: string) => `
  WITH w AS MATERIALIZED (
    SELECT event_id, causation_id, correlation_id, type FROM ${events}
     WHERE recorded_at > $1 AND recorded_at <= $2 AND correlation_id IS NOT NULL AND causation_id IS NOT NULL
  )
  SELECT e.correlation_id, coalesce(c.type, (SELECT o.type FROM ${events} o WHERE o.event_id = e.causation_id)) AS cause,
         e.type AS effect, count(*)::bigint AS n
    FROM w e LEFT JOIN w c ON c.event_id = e.causation_id
   GROUP BY 1, 2, 3`;

/** The category of each correlation's first event (a probe each on the correlation index). */
async function categoriesOf(db: pg.Pool, correlationIds: string[]): Promise<Map<string, string>> {
  if (correlationIds.length === 0) return new Map();
  // The index keeps correlation ids as text (Message DB correlates by stream name); the events table as uuid.
  const log = logTables();
  const { rows } = await db.query<{ id: string; stream_id: string }>(
    `SELECT c.id, f.stream_id FROM unnest($1::${log.external ? "text" : "uuid"}[]) AS c(id)
       CROSS JOIN LATERAL (SELECT stream_id FROM ${log.events} WHERE correlation_id = c.id ORDER BY global_position LIMIT 1) f`,
    [correlationIds],
  );
  return new Map(rows.map((r) => [r.id, categoryOf(r.stream_id)]));
}

const loopParams = z.object({
  windowMinutes: z.coerce.number().int().min(1).max(10_080).default(60),
  minRepetitions: z.coerce.number().int().min(1).max(1_000_000).default(20),
});

/** A correlation whose type sequence goes round a cycle more than N times in the window. */
export const causationLoopKind = defineRuleKind({
  kind: "causation_loop",
  label: "Causation loop detected",
  description: "Fires for each correlation whose events cause each other in a cycle of event types (A causes B causes A …) more than N times within the window.",
  fields: [
    windowField,
    { name: "minRepetitions", label: "More than", type: "number", min: 1, step: 1, unit: "repetitions", default: 20, help: "How many times round the cycle counts as a loop rather than a legitimate retry." },
  ],
  params: loopParams,
  describe: (p) => `a correlation loops more than ${formatInteger(p.minRepetitions)} times in ${formatInteger(p.windowMinutes)} min`,
  async evaluate({ db, now, params }): Promise<AlertFinding[]> {
    const from = new Date(now.getTime() - params.windowMinutes * 60_000);
    const { rows } = await db.query<{ correlation_id: string; cause: string | null; effect: string; n: number }>(pairsSql(logTables().events), [from.toISOString(), now.toISOString()]);
    const byCorrelation = new Map<string, TypeEdge[]>();
    for (const r of rows) {
      if (r.cause === null) continue;
      const list = byCorrelation.get(r.correlation_id) ?? [];
      list.push({ from: r.cause, to: r.effect, count: r.n });
      byCorrelation.set(r.correlation_id, list);
    }
    const looping: { correlationId: string; types: string[]; repetitions: number; events: number }[] = [];
    for (const [correlationId, edges] of byCorrelation) {
      const worst = findTypeCycles(edges).sort((a, b) => b.repetitions - a.repetitions)[0];
      if (worst && worst.repetitions > params.minRepetitions) looping.push({ correlationId, types: worst.types, repetitions: worst.repetitions, events: worst.events });
    }
    const categories = await categoriesOf(db, looping.map((l) => l.correlationId));
    return looping.map((l) => ({
      key: `correlation:${l.correlationId}`,
      summary: `${l.types.join(" ↔ ")} went round ${formatInteger(l.repetitions)} times in correlation ${shortId(l.correlationId)} (more than ${formatInteger(params.minRepetitions)})`,
      details: { correlationId: l.correlationId, types: l.types, repetitions: l.repetitions, events: l.events, threshold: params.minRepetitions, windowMinutes: params.windowMinutes },
      category: categories.get(l.correlationId),
      href: correlationHref(l.correlationId),
    }));
  },
});

const depthParams = z.object({
  windowMinutes: z.coerce.number().int().min(1).max(10_080).default(60),
  maxDepth: z.coerce.number().int().min(1).max(2 ** 31 - 2).default(50),
});

/** A correlation whose causation chain got deeper than N in the window. */
export const causationDepthKind = defineRuleKind({
  kind: "causation_depth",
  label: "Causation depth above N",
  description: "Fires for each correlation with an event recorded in the window whose causation depth (how many causes lead to it) is above N: a chain that keeps causing itself, well before the append guard refuses it.",
  fields: [windowField, { name: "maxDepth", label: "Depth above", type: "number", min: 1, step: 1, default: 50, help: "The append guard refuses at the category's maximum (100 unless set on the Causation → Guards page)." }],
  params: depthParams,
  describe: (p) => `causation depth above ${formatInteger(p.maxDepth)} within ${formatInteger(p.windowMinutes)} min`,
  async evaluate({ db, now, params }): Promise<AlertFinding[]> {
    const from = new Date(now.getTime() - params.windowMinutes * 60_000);
    const { rows } = await db.query<{ correlation_id: string; depth: number; n: number; stream_id: string }>(
      `SELECT correlation_id, max(causation_depth) AS depth, count(*)::bigint AS n, (array_agg(stream_id ORDER BY causation_depth DESC))[1] AS stream_id
         FROM ${logTables().events}
        WHERE recorded_at > $1 AND recorded_at <= $2 AND correlation_id IS NOT NULL AND causation_depth > $3
        GROUP BY correlation_id ORDER BY depth DESC LIMIT 500`,
      [from.toISOString(), now.toISOString(), params.maxDepth],
    );
    return rows.map((r) => ({
      key: `correlation:${r.correlation_id}`,
      summary: `correlation ${shortId(r.correlation_id)} reached causation depth ${formatInteger(r.depth)} (above ${formatInteger(params.maxDepth)})`,
      details: { correlationId: r.correlation_id, depth: r.depth, eventsAboveThreshold: r.n, threshold: params.maxDepth, windowMinutes: params.windowMinutes, deepestStream: r.stream_id },
      category: categoryOf(r.stream_id),
      href: correlationHref(r.correlation_id),
    }));
  },
});
