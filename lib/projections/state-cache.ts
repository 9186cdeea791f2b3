import "server-only";
import type pg from "pg";
import type { JsonObject } from "../schema/registry";
import { loadStates } from "./rows-table";

const MAX_CACHED = 50_000;

/**
 * The states a replay or follow loop has written, kept between batches so a stream's next batch
 * does not read back what the last one wrote. Valid only while nobody else moves the checkpoint:
 * the owner clears it whenever the checkpoint it finds is not the one it last wrote.
 */
export class StateCache {
  private states = new Map<string, JsonObject>();

  clear(): void {
    this.states = new Map();
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
