import "server-only";
import { getPath, MASKED, type PiiMode } from "../schema/pii";
import { schemaRegistry, type JsonObject } from "../schema/registry";
import type { EventView } from "../store/event-view";
import type { SourceEvent } from "./contract";

/**
 * A source's events as every page and API response shows events. A source holds PII in clear and
 * in its own shapes: masking goes by the PII paths the domain declares for the type (its newest
 * version), and nothing is upcast, since no Hindsight schema version was ever stamped on the data.
 */
export function sourceEventViews(events: SourceEvent[], opts: { pii: PiiMode }): EventView[] {
  return events.map((e) => {
    const def = schemaRegistry().get(e.type);
    const version = def?.versions.length ?? 1;
    const paths = def?.versions[version - 1]?.pii?.map((f) => f.path) ?? [];
    const present = paths.filter((p) => getPath(e.data, p) !== undefined && getPath(e.data, p) !== null);
    return {
      eventId: e.eventId,
      streamId: e.streamId,
      streamVersion: e.streamVersion,
      globalPosition: e.globalPosition,
      type: e.type,
      schemaVersion: version,
      storedSchemaVersion: version,
      data: opts.pii === "masked" && present.length ? masked(e.data, present) : e.data,
      metadata: e.metadata,
      correlationId: e.correlationId,
      causationId: e.causationId,
      causationDepth: 0,
      recordedAt: e.recordedAt,
      registered: def !== undefined,
      upcasters: [],
      hasPii: present.length > 0,
    };
  });
}

/** The declared PII paths of a source event that hold a value (what erasure discovery reports). */
export function declaredPiiPaths(e: Pick<SourceEvent, "type" | "data">): string[] {
  const def = schemaRegistry().get(e.type);
  const paths = def?.versions[def.versions.length - 1]?.pii?.map((f) => f.path) ?? [];
  return paths.filter((p) => getPath(e.data, p) !== undefined && getPath(e.data, p) !== null);
}

function masked(data: JsonObject, paths: string[]): JsonObject {
  const copy = structuredClone(data);
  for (const path of paths) {
    const parts = path.split(".");
    let cur = copy;
    for (const part of parts.slice(0, -1)) cur = cur[part] as JsonObject;
    cur[parts[parts.length - 1]] = MASKED;
  }
  return copy;
}
