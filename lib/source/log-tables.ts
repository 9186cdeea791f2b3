import { readsExternalSource } from "./source-config";

/** Where the metadata of the log Hindsight reads sits in its own database, and the names that go with it. */
export type LogTables = {
  /** `events` for Hindsight's own store; `source_events` (the index, no payloads) for a source. */
  events: "events" | "source_events";
  streams: "streams" | "source_streams";
  /** The rollups' checkpoint row in log_checkpoints. */
  rollupCheckpoint: "rollups_hourly" | "source_rollups_hourly";
  /** Whether payloads live in another store (read through the EventSource, not these tables). */
  external: boolean;
};

const OWN: LogTables = { events: "events", streams: "streams", rollupCheckpoint: "rollups_hourly", external: false };
const INDEX: LogTables = { events: "source_events", streams: "source_streams", rollupCheckpoint: "source_rollups_hourly", external: true };

/**
 * The one switch between Hindsight's own store and a source's index: both tables have the columns
 * the metadata readers use (positions, stream, category, type, links, hash, time, size), so those
 * queries choose a table here instead of being written twice.
 */
export function logTables(): LogTables {
  return readsExternalSource() ? INDEX : OWN;
}
