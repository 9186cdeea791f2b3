import { beforeAll, describe, expect, it } from "vitest";
import { getPool } from "../db";
import { renderPii } from "../schema/pii";
import { schemaRegistry, type JsonObject } from "../schema/registry";
import { takeSnapshots } from "../snapshots/take-snapshots";
import { appendToStream } from "../store/append-to-stream";
import { unique } from "../testing/expectations";
import { RANDOM_CATEGORIES, randomBatches, randomHistory, Seeded, type RandomCategory } from "../testing/random-streams";
import { getStateAt } from "./get-state-at";
import { reducerFor } from "./reducers/reducer-for";

// Property: over random streams of every category, the state at every version (and at every
// event's time) equals the plain fold of all events up to that version, whether the read starts
// from a snapshot or from the first event.

const SEEDS = [7, 1234, 99_991];
const EVERY: Record<RandomCategory, number> = { ticker: 5, order: 3, user: 2, profile: 3, account: 4, gizmo: 3 };

type Row = { stream_version: number; type: string; schema_version: number; data: JsonObject; recorded_at: string };
type Stream = { streamId: string; category: RandomCategory; rows: Row[]; snapshotsUpTo: number; seed: number };

const streams: Stream[] = [];

beforeAll(async () => {
  const pool = getPool();
  for (const [category, every] of Object.entries(EVERY)) {
    await pool.query(
      `INSERT INTO snapshot_policies (category, every_n_events) VALUES ($1, $2)
       ON CONFLICT (category) DO UPDATE SET every_n_events = EXCLUDED.every_n_events`,
      [category, every],
    );
  }
  for (const seed of SEEDS) {
    const rng = new Seeded(seed);
    for (const category of RANDOM_CATEGORIES) {
      const id = `p${unique()}`;
      const streamId = `${category}-${id}`;
      const events = randomHistory(rng, category, id, rng.int(1, 24));
      // Most of the history, then snapshots, then a tail the snapshots do not cover.
      const cut = Math.max(1, events.length - rng.int(0, 4));
      for (const batch of randomBatches(rng, events.slice(0, cut), 4)) await appendToStream({ streamId, events: batch });
      await takeSnapshots({ streamIds: [streamId] });
      for (const batch of randomBatches(rng, events.slice(cut), 3)) await appendToStream({ streamId, events: batch });
      const { rows } = await pool.query<Row>(
        "SELECT stream_version, type, schema_version, data, recorded_at FROM events WHERE stream_id = $1 ORDER BY stream_version",
        [streamId],
      );
      streams.push({ streamId, category, rows, snapshotsUpTo: Math.floor(cut / EVERY[category]) * EVERY[category], seed });
    }
  }
});

/** The reference: every event upcast and folded from the initial state, the states after each version rendered in clear. */
async function plainFold(s: Stream): Promise<JsonObject[]> {
  const reducer = reducerFor(s.category);
  const states = [reducer.initialState()];
  for (const row of s.rows) {
    const up = schemaRegistry().upcast(row.type, row.schema_version, row.data);
    states.push(reducer.evolve(states[states.length - 1], { type: row.type, schemaVersion: up.schemaVersion, data: up.data, streamVersion: row.stream_version, recordedAt: row.recorded_at }));
  }
  return renderPii(states, "clear");
}

describe("state as of a point", () => {
  it("given random streams, then the state at every version equals the fold of all events up to it, with and without snapshots", async () => {
    let fromSnapshots = 0;
    for (const s of streams) {
      const expected = await plainFold(s);
      for (let v = 0; v <= s.rows.length; v++) {
        const label = `${s.streamId} (seed ${s.seed}) at version ${v}`;
        const [withSnapshots, without] = await Promise.all([
          getStateAt({ streamId: s.streamId, target: { version: v }, pii: "clear" }),
          getStateAt({ streamId: s.streamId, target: { version: v }, pii: "clear", useSnapshots: false }),
        ]);
        expect(withSnapshots.state, label).toStrictEqual(expected[v]);
        expect(without.state, label).toStrictEqual(expected[v]);
        const snapshot = Math.floor(Math.min(v, s.snapshotsUpTo) / EVERY[s.category]) * EVERY[s.category];
        expect(withSnapshots.fromSnapshotVersion, label).toBe(snapshot > 0 ? snapshot : null);
        expect(withSnapshots.eventsFolded, label).toBe(v - snapshot);
        expect(without).toMatchObject({ version: v, fromSnapshotVersion: null, eventsFolded: v });
        expect(withSnapshots.at, label).toBe(v === 0 ? null : s.rows[v - 1].recorded_at);
        if (withSnapshots.fromSnapshotVersion !== null) fromSnapshots++;
      }
    }
    // The property says nothing unless snapshots were really read.
    expect(fromSnapshots).toBeGreaterThan(50);
  });

  it("given random streams, then the state at each event's time is the state at the last version recorded by then", async () => {
    for (const s of streams) {
      const expected = await plainFold(s);
      for (const row of s.rows) {
        const version = s.rows.filter((r) => r.recorded_at <= row.recorded_at).length;
        const state = await getStateAt({ streamId: s.streamId, target: { at: row.recorded_at }, pii: "clear" });
        expect(state.version, `${s.streamId} at ${row.recorded_at}`).toBe(version);
        expect(state.state).toStrictEqual(expected[version]);
      }
      const before = await getStateAt({ streamId: s.streamId, target: { at: "2000-01-01T00:00:00Z" }, pii: "clear" });
      expect(before).toMatchObject({ version: 0, at: null, state: expected[0], fromSnapshotVersion: null, eventsFolded: 0 });
      const after = await getStateAt({ streamId: s.streamId, target: { at: "2999-01-01T00:00:00Z" }, pii: "clear" });
      expect(after.version).toBe(s.rows.length);
    }
  });

  it("given a stream longer than one fold page (2 000 events), then every page is folded, in order, once", async () => {
    const streamId = `ticker-L${unique()}`;
    for (let b = 0; b < 5; b++) {
      await appendToStream({ streamId, events: Array.from({ length: 900 }, (_, i) => ({ type: "PriceTicked", data: { symbol: "L", bid: b * 900 + i + 1, ask: 1e6, volume: 1 } })) });
    }
    for (const v of [1999, 2000, 2001, 4000, 4001, 4500]) {
      const s = await getStateAt({ streamId, target: { version: v }, pii: "clear", useSnapshots: false });
      expect(s.state).toMatchObject({ ticks: v, bid: v, high: v, low: 1, volume: v });
      expect(s.eventsFolded).toBe(v);
    }
  });

  it("given no target, then the latest state; given a version past the end, then a 422; given an unknown stream, then a 404", async () => {
    const s = streams[0];
    expect((await getStateAt({ streamId: s.streamId, pii: "clear" })).version).toBe(s.rows.length);
    await expect(getStateAt({ streamId: s.streamId, target: { version: s.rows.length + 1 }, pii: "clear" })).rejects.toMatchObject({ code: "validation_failed", status: 422 });
    await expect(getStateAt({ streamId: `order-${unique()}`, pii: "clear" })).rejects.toMatchObject({ code: "stream_not_found", status: 404 });
  });
});
