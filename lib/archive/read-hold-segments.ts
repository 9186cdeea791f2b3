import "server-only";
import { getPool } from "../db";
import { AppError } from "../errors";
import { toEventViews, type EventView } from "../store/event-view";
import type { PiiMode } from "../schema/pii";
import { getArchiveStore, type ArchiveStore } from "./archive-store";
import { listHoldSegments, type ArchiveSegmentInfo } from "./list-archive";
import { loadSegment } from "./read-archived";
import { parseLines } from "./segment-format";

export type HoldArchive = { holdId: string; standing: boolean; segments: ArchiveSegmentInfo[]; events: EventView[]; truncated: boolean };

/**
 * A legal hold's sealed segments and the events in them (each segment checked against its
 * SHA-256), PII rendered for the caller. Compliance only: callers check holds.manage.
 */
export async function readHoldSegments(opts: { holdId: string; pii: PiiMode; limit?: number; store?: ArchiveStore }): Promise<HoldArchive> {
  const { rows } = await getPool().query<{ standing: boolean }>(
    "SELECT released_at IS NULL AND (expires_at IS NULL OR expires_at > now()) AS standing FROM legal_holds WHERE id = $1",
    [opts.holdId],
  );
  if (!rows[0]) throw new AppError("not_found", `there is no legal hold ${opts.holdId}`);
  const segments = (await listHoldSegments({ holdId: opts.holdId, limit: 1000 })).reverse();
  const limit = opts.limit ?? 1000;
  const store = opts.store ?? getArchiveStore();
  const raw = [];
  for (const s of segments) {
    if (raw.length > limit) break;
    raw.push(...parseLines(await loadSegment(store, s.objectKey, s.sha256, s.bytes)));
  }
  return { holdId: opts.holdId, standing: rows[0].standing, segments, events: await toEventViews(raw.slice(0, limit), { pii: opts.pii, raw: true }), truncated: raw.length > limit };
}
