import { expect, it } from "vitest";
import { systemActor } from "../audit/actor";
import { getPool } from "../db";
import { APPEND_SQL, appendToStream, buildAppendPayload, type NewEvent } from "../store/append-to-stream";
import { openTransaction, untilBlocked } from "../testing/held-transactions";
import { buildInline } from "./build-inline";
import { startRebuild } from "./start-rebuild";

const placed = { type: "OrderPlaced", schemaVersion: 2, data: { orderId: "vo", customerId: "c1", items: [{ sku: "SKU-MUG-01", quantity: 2, unitPrice: 12.5 }], total: 25, discountCode: null } };
const paid = { type: "OrderPaid", data: { orderId: "vo", amount: 25, method: "card" } };
const shipped = { type: "OrderShipped", data: { orderId: "vo", carrier: "dhl", trackingNumber: "T1" } };

async function payload(event: NewEvent): Promise<string> {
  return JSON.stringify(await buildAppendPayload({ streamId: "order-vo", events: [event] }));
}

it("a rebuild folds a stream in version order when a writer took its xid before waiting for the stream row", async () => {
  await appendToStream({ streamId: "order-vo", events: [placed] });
  // A takes its xid first (a caller's transaction that wrote something before appending)...
  const a = await openTransaction();
  await a.query("SELECT pg_current_xact_id()");
  // ...B, with a later xid, appends v2 and holds the stream row...
  const b = await openTransaction();
  await b.query(APPEND_SQL, [await payload(paid)]);
  // ...A's append waits for it, and would write v3 with an xid below v2's.
  const appendA = a.query(APPEND_SQL, [await payload(shipped)]).then(() => null, (e: { code?: string }) => e);
  await untilBlocked(1);
  await b.query("COMMIT");
  const refused = await appendA;
  if (refused) {
    // Refused as retryable: the writer retries in a new transaction, as a client does on 40001.
    await a.query("ROLLBACK");
    await appendToStream({ streamId: "order-vo", events: [shipped] });
  } else {
    await a.query("COMMIT");
  }

  // Log order is version order for the stream, so every log reader folds it in version order.
  const { rows: log } = await getPool().query<{ v: number }>("SELECT stream_version AS v FROM events WHERE stream_id = 'order-vo' ORDER BY tx_id, global_position");
  expect(log.map((r) => r.v)).toEqual([1, 2, 3]);
  const { versionId } = await startRebuild({ name: "order-totals", codeVersion: 2, partitions: 2, actor: systemActor("test") });
  await buildInline(versionId);
  const { rows } = await getPool().query<{ state: { status: string } }>("SELECT state FROM projection_rows WHERE version_id = $1 AND key = 'order-vo'", [versionId]);
  expect(rows.map((r) => r.state.status)).toEqual(["shipped"]);
  expect(refused?.code).toBe("40001");
});

it("partitions of a rebuild started before the upgrade (ordering 'stream', log-order checkpoint) still replay every event once", async () => {
  for (const id of ["order-lg1", "order-lg2"]) {
    await appendToStream({ streamId: id, events: [{ ...placed, data: { ...placed.data, orderId: id } }, { ...paid, data: { ...paid.data, orderId: id } }] });
  }
  const { versionId } = await startRebuild({ name: "order-totals", codeVersion: 1, partitions: 3, actor: systemActor("test") });
  // What 20261204007200_events_bytes leaves of a rebuild it found under way.
  await getPool().query("UPDATE projection_partitions SET ordering = 'stream' WHERE version_id = $1", [versionId]);
  await buildInline(versionId, { batchSize: 1 });
  const { rows } = await getPool().query<{ key: string; status: string }>(
    "SELECT key, state->>'status' AS status FROM projection_rows WHERE version_id = $1 AND key LIKE 'order-lg%' ORDER BY key",
    [versionId],
  );
  expect(rows).toEqual([{ key: "order-lg1", status: "paid" }, { key: "order-lg2", status: "paid" }]);
  const { rows: done } = await getPool().query<{ done: number; total: number }>("SELECT sum(done)::int AS done, sum(total)::int AS total FROM projection_partitions WHERE version_id = $1", [versionId]);
  expect(done[0].done).toBe(done[0].total);
});
