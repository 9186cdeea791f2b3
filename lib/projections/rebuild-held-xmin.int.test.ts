import pg from "pg";
import { afterEach, expect, inject, it, vi } from "vitest";
import { systemActor } from "../audit/actor";
import { getPool } from "../db";
import { appendToStream } from "../store/append-to-stream";
import { buildInline } from "./build-inline";
import { followBatch, type FollowBatch } from "./follow-version";
import { replayPartition } from "./replay-partition";
import { startRebuild } from "./start-rebuild";
import { StateCache } from "./state-cache";

// The real followBatch, with a hook that runs once a batch has answered (to end a held transaction at that exact point).
const hooks: { afterBatch?: (b: FollowBatch) => Promise<void> } = {};
vi.mock("./follow-version", async (importOriginal) => {
  const real = await importOriginal<typeof import("./follow-version")>();
  return {
    ...real,
    followBatch: async (...args: Parameters<typeof real.followBatch>) => {
      const b = await real.followBatch(...args);
      await hooks.afterBatch?.(b);
      return b;
    },
  };
});

let held: pg.Client | undefined;
afterEach(async () => {
  hooks.afterBatch = undefined;
  await held?.end().catch(() => undefined);
  held = undefined;
});

/** A transaction with an xid, open in another database of the cluster: the snapshot xmin is cluster-wide, so it holds back every gap-safe reader here. */
async function holdXminElsewhere(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: inject("clusterUrl") });
  await c.connect();
  await c.query("BEGIN");
  await c.query("SELECT pg_current_xact_id()");
  return c;
}

const order = (orderId: string) => ({ orderId, customerId: "c1", items: [{ sku: "SKU-MUG-01", quantity: 2, unitPrice: 12.5 }], total: 25, discountCode: null });

async function rowsOf(versionId: number) {
  const { rows } = await getPool().query<{ key: string; state: { gross: number; status: string } }>("SELECT key, state FROM projection_rows WHERE version_id = $1 ORDER BY key", [versionId]);
  return rows.map((r) => [r.key, r.state.gross, r.state.status]);
}

async function status(versionId: number): Promise<string> {
  const { rows } = await getPool().query<{ status: string }>("SELECT status FROM projection_versions WHERE id = $1", [versionId]);
  return rows[0].status;
}

it("a rebuild started while another database holds the xmin back folds every event, even when the hold ends between a batch and the readability check", async () => {
  held = await holdXminElsewhere();
  await appendToStream({ streamId: "order-h1", events: [{ type: "OrderPlaced", schemaVersion: 2, data: order("h1") }] });
  await appendToStream({ streamId: "order-h2", events: [{ type: "OrderPlaced", schemaVersion: 2, data: order("h2") }, { type: "OrderPaid", data: { orderId: "h2", amount: 25, method: "card" } }] });
  // The horizon is the held transaction's xid: the replay reads nothing, the follow phase has it all.
  const { versionId } = await startRebuild({ name: "order-totals", codeVersion: 2, partitions: 2, actor: systemActor("test") });

  // The hold ends right after the first empty follow batch, before the loop decides whether it is done.
  hooks.afterBatch = async (b) => {
    if (b.events > 0 || !held) return;
    await held.query("COMMIT");
    await held.end();
    held = undefined;
  };
  const { events } = await buildInline(versionId);

  expect(events).toBe(3);
  expect(await rowsOf(versionId)).toEqual([["order-h1", 25, "placed"], ["order-h2", 25, "paid"]]);
});

it("a drill does not finish on an empty batch while events committed before it started are still unreadable (the worker's path)", async () => {
  held = await holdXminElsewhere();
  await appendToStream({ streamId: "order-w1", events: [{ type: "OrderPlaced", schemaVersion: 2, data: order("w1") }] });
  const { versionId, partitions } = await startRebuild({ name: "order-totals", codeVersion: 2, partitions: 2, actor: systemActor("test"), kind: "drill" });
  // Partition jobs, then the projection loop's batches.
  for (let partition = 0; partition < partitions; partition++) await replayPartition({ versionId, partition });
  expect(await status(versionId)).toBe("catching_up");

  const client = await getPool().connect();
  const cache = new StateCache();
  try {
    expect(await followBatch(client, versionId, cache)).toMatchObject({ events: 0, caughtUp: false });
    expect(await status(versionId)).toBe("catching_up");

    await held.query("COMMIT");
    expect(await followBatch(client, versionId, cache)).toMatchObject({ events: 1 });
    expect(await followBatch(client, versionId, cache)).toMatchObject({ events: 0, caughtUp: true, became: "drill-done" });
  } finally {
    client.release();
  }
  // The drill counts every order event, the one it had to wait for included.
  const { rows } = await getPool().query<{ status: string; events: number; all: number }>(
    "SELECT status, events::int AS events, (SELECT count(*)::int FROM events WHERE category = 'order') AS all FROM projection_drills WHERE version_id = $1",
    [versionId],
  );
  expect(rows.map((r) => [r.status, r.events])).toEqual([["completed", rows[0].all]]);
});
