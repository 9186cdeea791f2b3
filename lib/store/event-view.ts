import "server-only";
import { isEnvelope } from "../schema/envelope";
import { renderPii, type PiiMode } from "../schema/pii";
import type { SqlRows } from "../generated/sql-rows";
import { schemaRegistry, type JsonObject, type UpcastStep } from "../schema/registry";

/** The columns every event read selects, in the shape toEventViews() takes. */
export const EVENT_COLUMNS = `event_id, stream_id, stream_version, global_position, type, schema_version, data, metadata,
  correlation_id, causation_id, causation_depth, recorded_at, tx_id`;

/** What EVENT_COLUMNS' json columns hold, for typedSql(). */
export const EVENT_JSON = { data: "JsonObject", metadata: "JsonObject" };

/** An event row as the events table gives it (derived from the schema: lib/generated/sql-rows.ts); metadata is NULL when the event carried none. */
export type EventRow = SqlRows["store.read-log"];

/** An event as every API response and page shows it. */
export type EventView = {
  eventId: string;
  streamId: string;
  streamVersion: number;
  globalPosition: number;
  type: string;
  schemaVersion: number;
  storedSchemaVersion: number;
  data: JsonObject;
  metadata: JsonObject;
  correlationId: string | null;
  causationId: string | null;
  causationDepth: number;
  recordedAt: string;
  registered: boolean;
  upcasters: UpcastStep[];
  /** Whether the stored data carries personal data (PII envelopes), whatever the caller may see of it. */
  hasPii: boolean;
};

export type ViewOptions = { pii: PiiMode; raw?: boolean };

/** Upcasts (unless raw) and renders PII for the caller: clear, "[masked]" or "[erased]". */
export async function toEventViews(rows: EventRow[], opts: ViewOptions): Promise<EventView[]> {
  const views = rows.map((r): EventView => {
    const up = opts.raw ? { data: r.data, schemaVersion: r.schema_version, steps: [] } : schemaRegistry().upcast(r.type, r.schema_version, r.data);
    return {
      eventId: r.event_id,
      streamId: r.stream_id,
      streamVersion: r.stream_version,
      globalPosition: r.global_position,
      type: r.type,
      schemaVersion: up.schemaVersion,
      storedSchemaVersion: r.schema_version,
      data: up.data,
      metadata: r.metadata ?? {},
      correlationId: r.correlation_id,
      causationId: r.causation_id,
      causationDepth: r.causation_depth,
      recordedAt: r.recorded_at,
      registered: schemaRegistry().get(r.type) !== undefined,
      upcasters: up.steps,
      hasPii: holdsEnvelope(r.data),
    };
  });
  const rendered = await renderPii(views.map((v) => v.data), opts.pii);
  views.forEach((v, i) => (v.data = rendered[i]));
  return views;
}

function holdsEnvelope(value: unknown): boolean {
  if (isEnvelope(value)) return true;
  if (Array.isArray(value)) return value.some(holdsEnvelope);
  return value !== null && typeof value === "object" && Object.values(value).some(holdsEnvelope);
}
