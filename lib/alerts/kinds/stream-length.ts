import "server-only";
import { logTables } from "../../source/log-tables";
import { z } from "zod";
import { formatCount } from "../../format";
import { defineRuleKind } from "../rule-kind";

const params = z.object({
  category: z.string().trim().max(200).optional().transform((v) => v || undefined),
  maxEvents: z.coerce.number().int().min(1, "At least 1 event"),
});

type Params = z.infer<typeof params>;

/** Streams whose replay since their last snapshot grows without bound: every load folds all of it. */
export const streamLength = defineRuleKind<Params>({
  kind: "stream_length",
  label: "Stream length since last snapshot",
  description: "Fires for each stream with more than N events since its last snapshot (or since its start, if it has none); reads the streams table, never the events.",
  fields: [
    { name: "category", label: "Category", type: "text", optional: true, placeholder: "all categories", help: "Leave empty to watch every stream." },
    { name: "maxEvents", label: "More than", type: "number", min: 1, step: 1, unit: "events since the last snapshot", default: 5_000 },
  ],
  params,
  describe: (p) => `${p.category ? `${p.category} streams` : "any stream"} with more than ${formatCount(p.maxEvents)} events since its last snapshot`,
  async evaluate({ db, params: p }) {
    const { rows } = await db.query<{ stream_id: string; category: string; version: number; snapshot_version: number | null; since: number }>(
      `SELECT stream_id, category, version, snapshot_version, version - coalesce(snapshot_version, 0) AS since
         FROM ${logTables().streams}
        WHERE ($1::text IS NULL OR category = $1) AND version - coalesce(snapshot_version, 0) > $2
        ORDER BY since DESC, stream_id LIMIT 100`,
      [p.category ?? null, p.maxEvents],
    );
    return rows.map((s) => ({
      key: `stream:${s.stream_id}`,
      summary: `${s.stream_id}: ${formatCount(s.since)} events since ${s.snapshot_version ? `its snapshot at v${s.snapshot_version}` : "its start (no snapshot)"} (limit ${formatCount(p.maxEvents)})`,
      details: { streamId: s.stream_id, version: s.version, snapshotVersion: s.snapshot_version, eventsSinceSnapshot: s.since, limit: p.maxEvents },
      category: s.category,
      href: `/streams/${encodeURIComponent(s.stream_id)}`,
    }));
  },
});
