import { beforeAll, describe, expect, it } from "vitest";
import { getPool } from "../db";
import { eventTypes } from "../../domains/demo/event-types";
import { SchemaRegistry, type EventTypeDef } from "../schema/registry";
import { appendToStream, type NewEvent } from "../store/append-to-stream";
import { unique } from "../testing/expectations";
import { getStateAt } from "../stream-state/get-state-at";
import { listSnapshots } from "./list-snapshots";
import { takeSnapshots } from "./take-snapshots";

// Snapshots: taken per policy, never holding plaintext PII, keyed by reducer version and
// upcaster hash (anything else is ignored by reads and replaced by the next run), idempotent.

const pool = () => getPool();

async function policy(category: string, every: number): Promise<void> {
  await pool().query(
    `INSERT INTO snapshot_policies (category, every_n_events) VALUES ($1, $2)
     ON CONFLICT (category) DO UPDATE SET every_n_events = EXCLUDED.every_n_events`,
    [category, every],
  );
}

async function stored(streamId: string) {
  const { rows } = await pool().query<{ stream_version: number; reducer_version: number; upcaster_hash: string; state_text: string; size_bytes: number }>(
    "SELECT stream_version, reducer_version, upcaster_hash, state::text AS state_text, size_bytes FROM snapshots WHERE stream_id = $1 ORDER BY stream_version",
    [streamId],
  );
  return rows;
}

const placedV1 = (orderId: string): NewEvent => ({ type: "OrderPlaced", schemaVersion: 1, data: { orderId, customerId: "c1", items: [{ sku: "A", quantity: 1, unitPrice: 5 }], total: 5 } });
const paid = (orderId: string): NewEvent => ({ type: "OrderPaid", data: { orderId, amount: 5, method: "card" } });

/** The demo registry, except that OrderPlaced v1 now upcasts with discountCode "LEGACY". */
const legacyRegistry = new SchemaRegistry(
  eventTypes.map((def): EventTypeDef =>
    def.type !== "OrderPlaced" ? def : { ...def, versions: [{ ...def.versions[0], upcast: (d) => ({ ...d, discountCode: "LEGACY" }) }, def.versions[1]] },
  ),
);

beforeAll(async () => {
  await policy("user", 2);
  await policy("order", 2);
});

describe("taking snapshots", () => {
  it("given a ticker past its policy, then a snapshot at every multiple of N, the stream's pointer moved, and a second run takes none", async () => {
    await policy("ticker", 4);
    const streamId = `ticker-T${unique()}`;
    const ticks = Array.from({ length: 10 }, (_, i): NewEvent => ({ type: "PriceTicked", data: { symbol: "T", bid: i, ask: i + 1, volume: 1 } }));
    await appendToStream({ streamId, events: ticks });

    const first = await takeSnapshots({ streamIds: [streamId] });
    expect(first).toMatchObject({ streams: 1, snapshots: 2, replaced: 0, skipped: 0, next: null });
    expect((await stored(streamId)).map((s) => s.stream_version)).toEqual([4, 8]);
    const { rows } = await pool().query("SELECT snapshot_version FROM streams WHERE stream_id = $1", [streamId]);
    expect(rows[0].snapshot_version).toBe(8);
    expect((await stored(streamId))[1].state_text).toContain('"ticks": 8');

    expect(await takeSnapshots({ streamIds: [streamId] })).toMatchObject({ streams: 0, snapshots: 0 });
    await appendToStream({ streamId, events: ticks.slice(0, 2) });
    expect(await takeSnapshots({ streamIds: [streamId] })).toMatchObject({ streams: 1, snapshots: 1 });
    expect((await stored(streamId)).map((s) => s.stream_version)).toEqual([4, 8, 12]);
  });

  it("given a stream below its policy, or a category without one, then no snapshot", async () => {
    const short = `order-${unique()}`;
    const noPolicy = `account-${unique()}`;
    await appendToStream({ streamId: short, events: [placedV1("o")] });
    await appendToStream({ streamId: noPolicy, events: Array.from({ length: 5 }, () => ({ type: "FundsDeposited", data: { accountId: "a", amount: 1 } })) });
    await takeSnapshots({ streamIds: [short, noPolicy] });
    expect(await stored(short)).toEqual([]);
    expect(await stored(noPolicy)).toEqual([]);
  });

  it("given two runs at once, then both finish and each snapshot exists once", async () => {
    const streamId = `order-${unique()}`;
    await appendToStream({ streamId, events: [placedV1("o"), paid("o"), paid("o"), paid("o"), paid("o"), paid("o")] });
    const [a, b] = await Promise.all([takeSnapshots({ streamIds: [streamId] }), takeSnapshots({ streamIds: [streamId] })]);
    expect(a.snapshots + b.snapshots).toBeGreaterThanOrEqual(3);
    expect((await stored(streamId)).map((s) => s.stream_version)).toEqual([2, 4, 6]);
  });

  it("pages through due streams in id order: maxStreams and next", async () => {
    const tag = unique();
    const ids = [`order-${tag}-a`, `order-${tag}-b`, `order-${tag}-c`];
    for (const id of ids) await appendToStream({ streamId: id, events: [placedV1("o"), paid("o")] });
    const first = await takeSnapshots({ streamIds: ids, maxStreams: 2 });
    expect(first).toMatchObject({ streams: 2, next: ids[1] });
    expect(await takeSnapshots({ streamIds: ids, maxStreams: 2, after: first.next! })).toMatchObject({ streams: 1, next: null });
  });
});

describe("snapshots and PII", () => {
  it("given a user with PII, when snapshots are taken, then they hold envelopes and never the plaintext; reads render per caller", async () => {
    const userId = `u${unique()}`;
    const streamId = `user-${userId}`;
    const email = `secret.${userId}@example.org`;
    const name = `Secret Person ${userId}`;
    await appendToStream({
      streamId,
      events: [
        { type: "UserRegistered", data: { userId, email: `old.${email}`, name, country: "DE" } },
        { type: "UserUpdated", data: { userId, email } },
      ],
    });
    await takeSnapshots({ streamIds: [streamId] });

    const [snapshot] = await stored(streamId);
    expect(snapshot.stream_version).toBe(2);
    expect(snapshot.state_text).not.toContain(email);
    expect(snapshot.state_text).not.toContain(name);
    expect(snapshot.state_text).not.toContain("Secret");
    expect(snapshot.state_text.match(/"\$pii"/g)).toHaveLength(2);

    const clear = await getStateAt({ streamId, pii: "clear" });
    expect(clear).toMatchObject({ fromSnapshotVersion: 2, eventsFolded: 0, state: { email, name, country: "DE" } });
    const masked = await getStateAt({ streamId, pii: "masked" });
    expect(masked.state).toMatchObject({ email: "[masked]", name: "[masked]", country: "DE" });
  });
});

describe("snapshot validity", () => {
  it("given a snapshot taken under another upcaster chain, then reads ignore it and fold under their own; the next run replaces it", async () => {
    const streamId = `order-${unique()}`;
    await appendToStream({ streamId, events: [placedV1(streamId), paid(streamId), paid(streamId)] });
    await takeSnapshots({ streamIds: [streamId] });

    const today = await getStateAt({ streamId, pii: "clear" });
    expect(today).toMatchObject({ fromSnapshotVersion: 2, state: { discountCode: null } });
    // The same stream under a changed upcaster: the old snapshot's null must not leak through.
    const changed = await getStateAt({ streamId, pii: "clear", registry: legacyRegistry });
    expect(changed).toMatchObject({ fromSnapshotVersion: null, eventsFolded: 3, state: { discountCode: "LEGACY" } });
    expect(changed.reducer.upcasterHash).not.toBe(today.reducer.upcasterHash);

    const run = await takeSnapshots({ streamIds: [streamId], registry: legacyRegistry });
    expect(run).toMatchObject({ snapshots: 1, replaced: 1 });
    expect((await stored(streamId)).map((s) => s.upcaster_hash)).toEqual([changed.reducer.upcasterHash]);
    expect(await getStateAt({ streamId, pii: "clear", registry: legacyRegistry })).toMatchObject({ fromSnapshotVersion: 2, state: { discountCode: "LEGACY" } });
    expect(await getStateAt({ streamId, pii: "clear" })).toMatchObject({ fromSnapshotVersion: null, state: { discountCode: null } });
  });

  it.each([
    ["upcaster_hash", "UPDATE snapshots SET upcaster_hash = '0000000000000000' WHERE stream_id = $1"],
    ["reducer_version", "UPDATE snapshots SET reducer_version = reducer_version + 1 WHERE stream_id = $1"],
  ])("given a snapshot whose %s differs from the running code's, then reads ignore it and list it as invalid", async (_, tamper) => {
    const streamId = `order-${unique()}`;
    await appendToStream({ streamId, events: [placedV1(streamId), paid(streamId)] });
    await takeSnapshots({ streamIds: [streamId] });
    // A state no fold could give: if a read used this snapshot, the test would see it.
    await pool().query(`UPDATE snapshots SET state = jsonb_set(state, '{status}', '"tampered"') WHERE stream_id = $1`, [streamId]);
    expect((await getStateAt({ streamId, pii: "clear" })).state.status).toBe("tampered");

    await pool().query(tamper, [streamId]);
    expect(await getStateAt({ streamId, pii: "clear" })).toMatchObject({ fromSnapshotVersion: null, state: { status: "paid" } });
    expect((await listSnapshots({ streamId })).snapshots).toMatchObject([{ streamVersion: 2, valid: false }]);
    expect(await takeSnapshots({ streamIds: [streamId] })).toMatchObject({ snapshots: 1, replaced: 1 });
    expect((await listSnapshots({ streamId })).snapshots).toMatchObject([{ streamVersion: 2, valid: true }]);
  });
});
