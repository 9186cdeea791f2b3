import type { JsonObject } from "../../schema/registry";
import type { SourceEvent } from "../contract";
import { qualified } from "../sql-name";

/** Message DB's tables live in this schema unless HINDSIGHT_SOURCE_SCHEMA names another. */
export const DEFAULT_SCHEMA = "message_store";


const POSITION = "'^[0-9]{1,18}$'";

/**
 * The columns of a message as Hindsight shows it. Versions are 1-based everywhere in Hindsight,
 * so Message DB's 0-based `position` is shown as position + 1. `time` is a timestamp without time
 * zone holding UTC. The cause is named by position (global, or stream name and position) and
 * resolved here to the cause's id; the correlation is a stream name.
 */
export function messageColumns(schema: string): string {
  const messages = qualified(schema, "messages");
  return `m.global_position, m.id::text AS event_id, m.stream_name, m.position + 1 AS stream_version,
    ${qualified(schema, "category")}(m.stream_name) AS category, m.type,
    CASE WHEN jsonb_typeof(m.data) = 'object' THEN m.data WHEN m.data IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('value', m.data) END AS data,
    CASE WHEN jsonb_typeof(m.metadata) = 'object' THEN m.metadata ELSE '{}'::jsonb END AS metadata,
    m.metadata->>'correlationStreamName' AS correlation_id,
    COALESCE(
      (SELECT c.id::text FROM ${messages} c
        WHERE m.metadata->>'causationMessageGlobalPosition' ~ ${POSITION}
          AND c.global_position = (m.metadata->>'causationMessageGlobalPosition')::bigint),
      (SELECT c.id::text FROM ${messages} c
        WHERE m.metadata->>'causationMessagePosition' ~ ${POSITION}
          AND c.stream_name = m.metadata->>'causationMessageStreamName'
          AND c.position = (m.metadata->>'causationMessagePosition')::bigint)) AS causation_id,
    m.time AT TIME ZONE 'UTC' AS recorded_at`;
}

export type MessageRow = {
  global_position: number;
  event_id: string;
  stream_name: string;
  stream_version: number;
  category: string;
  type: string;
  data: JsonObject;
  metadata: JsonObject;
  correlation_id: string | null;
  causation_id: string | null;
  recorded_at: string;
};

export function toSourceEvent(r: MessageRow): SourceEvent {
  return {
    eventId: r.event_id,
    streamId: r.stream_name,
    streamVersion: r.stream_version,
    globalPosition: r.global_position,
    category: r.category,
    type: r.type,
    data: r.data,
    metadata: r.metadata,
    correlationId: r.correlation_id,
    causationId: r.causation_id,
    recordedAt: r.recorded_at,
    tenant: null,
  };
}
