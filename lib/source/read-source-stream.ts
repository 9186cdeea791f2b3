import "server-only";
import { getPool } from "../db";
import { AppError } from "../errors";
import type { ReadStreamOptions, ReadStreamResult } from "../store/read-stream";
import { getSource } from "./open-source";
import { sourceEventViews } from "./source-views";

/**
 * readStream over a source: the stream's version from the index, its events (payloads included)
 * from the source by version range, shown as Hindsight shows its own (1-based versions, PII
 * masked by the domain's declared paths). A source has no archive, so includeArchived changes nothing.
 */
export async function readSourceStream(opts: ReadStreamOptions & { limit: number }): Promise<ReadStreamResult> {
  const { rows } = await getPool().query<{ version: number }>("SELECT version FROM source_streams WHERE stream_id = $1", [opts.streamId]);
  if (!rows[0]) throw new AppError("stream_not_found", `stream ${opts.streamId} does not exist`, { streamId: opts.streamId });
  const backward = opts.direction === "backward";
  const limit = opts.limit;
  const from = Math.min(opts.fromVersion ?? (backward ? rows[0].version : 1), 2 ** 31 - 1);
  const range = backward ? { fromVersion: Math.max(1, from - limit), toVersion: from } : { fromVersion: from, toVersion: from + limit };
  let events = await getSource().readStream(opts.streamId, { ...range, limit: limit + 1 });
  if (opts.at) {
    const at = Date.parse(opts.at);
    events = events.filter((e) => Date.parse(e.recordedAt) <= at);
  }
  if (backward) events.reverse();
  const page = events.slice(0, limit);
  const more = events.length > limit;
  return {
    streamId: opts.streamId,
    version: rows[0].version,
    events: sourceEventViews(page, { pii: opts.pii }),
    next: more ? events[limit].streamVersion : null,
  };
}
