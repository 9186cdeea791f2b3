// The source contract: what Hindsight needs from an event store it reads, implemented once per store
// (Hindsight's own, Emmett, Message DB, Marten). Features never query a source's tables directly.
import { AppError } from "../errors";
import type { JsonObject } from "../schema/registry";

export type SourceKind = "hindsight" | "emmett" | "message-db" | "marten";

/**
 * An event as a source holds it, in Hindsight's names. Versions are 1-based on every source
 * (Message DB's 0-based `position` is shown as position + 1), so one convention reaches the pages.
 */
export type SourceEvent = {
  /** The event's id in the source (a uuid on all four stores; text for safety). */
  eventId: string;
  streamId: string;
  /** 1-based version of the event within its stream. */
  streamVersion: number;
  /** The source's own global position (Marten's seq_id); unique, not necessarily commit order. */
  globalPosition: number;
  /** Emmett: stream_type / prefix; Message DB: category(stream_name); Marten: mt_streams.type. */
  category: string;
  type: string;
  data: JsonObject;
  metadata: JsonObject;
  /** Mapped from each store's metadata conventions; text, since Message DB correlates by stream name. */
  correlationId: string | null;
  /** The event id of the cause, resolved by the adapter (Message DB names its cause by position). */
  causationId: string | null;
  /** ISO-8601 with a time zone. */
  recordedAt: string;
  /** Marten's tenant id, Emmett's partition; null where the store has no tenancy. */
  tenant: string | null;
  /** Bytes of data and metadata as JSON text, for the growth figures; adapters that leave it out count 0. */
  sizeBytes?: number;
};

/**
 * An opaque, versioned cursor into a source's log ("v1:" stays Hindsight's own; each adapter
 * prefixes its own version, e.g. "em1:", "mdb1:", "mt1:"). Null means the start of the log.
 */
export type SourceCursor = string;

export type LogPage = {
  /** In log order, gap-safe: no event that commits later may sort before the last one returned. */
  events: SourceEvent[];
  /** Where the next read starts; unchanged when nothing new was safe to read. */
  cursor: SourceCursor;
  /** True when the page ended because nothing more is safely readable now (not because of the limit). */
  caughtUp: boolean;
};

export type StreamSummary = { streamId: string; category: string; version: number; lastRecordedAt: string | null };

/** What a source can do; each "no" carries the sentence the UI and the API show instead of an error. */
export type SourceCapabilities = {
  append: Capability;
  archive: Capability;
  cryptoShred: Capability;
  erasureDiscovery: Capability;
};
export type Capability = { ok: true } | { ok: false; reason: string };

export interface EventSource {
  readonly kind: SourceKind;
  readonly capabilities: SourceCapabilities;
  /** The whole log in commit-safe order, after a cursor this source handed out (null = start). */
  readLog(after: SourceCursor | null, opts: { limit: number }): Promise<LogPage>;
  /** A stream's events by version, inclusive bounds; [] for an unknown stream. */
  readStream(streamId: string, opts?: { fromVersion?: number; toVersion?: number; limit?: number }): Promise<SourceEvent[]>;
  /** Events by id, in no particular order; unknown ids are left out. */
  getEvents(eventIds: string[]): Promise<SourceEvent[]>;
  /** Streams whose id starts with the prefix (all when empty), by id, after `after`. */
  listStreams(opts: { prefix?: string; after?: string; limit: number }): Promise<StreamSummary[]>;
  /** Events recorded in [from, to), optionally of one category: the figure rollups must agree with. */
  countEvents(opts: { from?: Date; to?: Date; category?: string }): Promise<number>;
  /** Checks the connection and the privileges this source needs; each problem as a sentence. */
  check(): Promise<{ ok: boolean; problems: string[] }>;
  close(): Promise<void>;
}

/** Throws a clear error when a cursor belongs to another source kind or version. */
export function cursorBody(cursor: string, prefix: string): string {
  if (!cursor.startsWith(prefix)) throw new AppError("invalid_cursor", `the cursor is not a ${prefix} cursor of this source`, { field: "after" });
  return cursor.slice(prefix.length);
}

/** How an adapter is opened: HINDSIGHT_SOURCE_URL and HINDSIGHT_SOURCE_SCHEMA (null = the store's default schema). */
export type SourceOptions = { url: string; schema: string | null };

/** Each adapter's entry point: lib/source/<kind>/index.ts exports one of these as `open<Kind>Source`. */
export type OpenSource = (opts: SourceOptions) => EventSource;
