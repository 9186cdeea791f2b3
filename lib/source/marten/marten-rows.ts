import type { JsonObject } from "../../schema/registry";
import type { SourceEvent } from "../contract";

export type MartenRow = {
  global_position: number;
  event_id: string;
  stream_id: string;
  stream_version: number;
  category: string;
  type: string;
  data: JsonObject;
  metadata: JsonObject;
  correlation_id: string | null;
  causation_id: string | null;
  recorded_at: string;
  tenant_id: string | null;
};

/** Marten's causation_id / correlation_id are whatever the application set (commonly the cause's event or message id): passed on as they are. */
export function toSourceEvent(r: MartenRow): SourceEvent {
  return {
    eventId: r.event_id,
    streamId: r.stream_id,
    streamVersion: r.stream_version,
    globalPosition: r.global_position,
    category: r.category,
    type: r.type,
    data: r.data,
    metadata: r.metadata,
    correlationId: r.correlation_id,
    causationId: r.causation_id,
    recordedAt: r.recorded_at,
    tenant: r.tenant_id,
  };
}
