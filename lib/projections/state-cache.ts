import "server-only";
import type pg from "pg";
import type { JsonObject } from "../schema/registry";
import { loadStates } from "./rows-table";

const MAX_CACHED = 50_000;

/**
 * The states a replay or follow loop has written, kept between batches so a stream's next batch
 * does not read back what the last one wrote. Valid only while nobody else moves the checkpoint:
 * each batch tells it the checkpoint it found (checkpointSeen) and the one it committed
 * (checkpointWritten), and it empties itself when the two do not meet.
 */
export class StateCache {
  private states = new Map<string, JsonObject>();
  private written: string | null = null;

  clear(): void {
    this.states = new Map();
    this.written = null;
  }

  /** At the start of a batch: someone else moved the checkpoint since our last commit, so what we hold may be stale. */
  checkpointSeen(checkpoint: string): void {
    if (checkpoint !== this.written) this.clear();
  }

  /** After a batch committed, with the checkpoint it wrote. */
  checkpointWritten(checkpoint: string): void {
    this.written = checkpoint;
  }

  /** The states of `keys`: cached ones, the rest read from the version's rows. */
  async load(client: pg.ClientBase, versionId: number, keys: Set<string>): Promise<Map<string, JsonObject>> {
    if (this.states.size > MAX_CACHED) this.clear();
    const missing = [...keys].filter((k) => !this.states.has(k));
    const loaded = await loadStates(client, versionId, missing);
    for (const [k, v] of loaded) this.states.set(k, v);
    return this.states;
  }

  /** Forgets everything a rolled-back batch may have folded into the map. */
  forget(keys: Iterable<string>): void {
    for (const k of keys) this.states.delete(k);
  }
}
