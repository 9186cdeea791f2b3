import pg from "pg";
import { sleep } from "./app-process";
import type { Acked } from "./writers";

export type Verdict = { name: string; ok: boolean; detail: string };

/** Every acknowledged event is stored once, in contiguous versions, and nothing else was written to these streams. */
export async function verifyEvents(db: pg.Client, run: string, acked: Acked[]): Promise<Verdict[]> {
  const { rows } = await db.query<{ stream_id: string; stream_version: number; event_id: string }>(
    "SELECT stream_id, stream_version, event_id FROM events WHERE stream_id LIKE $1 ORDER BY stream_id, stream_version",
    [`order-chaos${run}%`],
  );
  const stored = new Map(rows.map((r) => [r.event_id, r]));
  const lost = acked.filter((a) => !stored.has(a.eventId));
  const ackedIds = new Set(acked.map((a) => a.eventId));
  const extra = rows.filter((r) => !ackedIds.has(r.event_id));
  const byStream = new Map<string, number[]>();
  for (const r of rows) byStream.set(r.stream_id, [...(byStream.get(r.stream_id) ?? []), r.stream_version]);
  const gaps = [...byStream].filter(([, vs]) => vs.some((v, i) => v !== i + 1)).map(([s]) => s);
  const misplaced = acked.filter((a) => stored.get(a.eventId) && (stored.get(a.eventId)!.stream_id !== a.streamId || stored.get(a.eventId)!.stream_version !== a.version));
  return [
    { name: "acknowledged events lost", ok: lost.length === 0, detail: `${lost.length} of ${acked.length}` },
    { name: "events stored without an acknowledgement (duplicates)", ok: extra.length === 0, detail: String(extra.length) },
    { name: "streams with non-contiguous versions", ok: gaps.length === 0, detail: `${gaps.length} of ${byStream.size}` },
    { name: "events at another version than acknowledged", ok: misplaced.length === 0, detail: String(misplaced.length) },
  ];
}

/** The global log read through the API, page by page, equals the events table in (tx_id, global_position) order. */
export async function verifyGlobalLog(db: pg.Client, url: string, token: string): Promise<Verdict> {
  const { rows } = await db.query<{ event_id: string }>("SELECT event_id FROM events ORDER BY tx_id, global_position");
  const read: string[] = [];
  let after = "";
  for (;;) {
    const res = await fetch(`${url}/api/v1/events?limit=1000${after ? `&after=${encodeURIComponent(after)}` : ""}`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) return { name: "global log equals the table", ok: false, detail: `GET /api/v1/events answered ${res.status}` };
    const page = (await res.json()) as { events: Array<{ eventId: string }>; next: string };
    if (page.events.length === 0) break;
    read.push(...page.events.map((e) => e.eventId));
    after = page.next;
  }
  const same = read.length === rows.length && read.every((id, i) => id === rows[i].event_id);
  return { name: "global log equals the table", ok: same, detail: `${read.length} read, ${rows.length} in the table` };
}

/** Rollups count every event and the order-totals projection holds every chaos order with its paid sum, within `ms`. */
export async function verifyCaughtUp(db: pg.Client, run: string, acked: Acked[], ms: number): Promise<Verdict[]> {
  const expected = new Map<string, { total: number; paid: number }>();
  for (const a of acked) {
    const e = expected.get(a.streamId) ?? { total: 0, paid: 0 };
    if (a.type === "OrderPlaced") e.total = a.amount;
    else e.paid = Math.round((e.paid + a.amount) * 100) / 100;
    expected.set(a.streamId, e);
  }
  const deadline = Date.now() + ms;
  let rollup = "";
  let projection = "";
  for (;;) {
    const r = await db.query<{ rolled: string; events: string }>("SELECT (SELECT coalesce(sum(count), 0) FROM rollups_hourly)::text AS rolled, (SELECT count(*) FROM events)::text AS events");
    rollup = `${r.rows[0].rolled} counted, ${r.rows[0].events} events`;
    const p = await db.query<{ key: string; state: { total: number; paid: number } }>(
      `SELECT key, state FROM projection_rows WHERE version_id = (SELECT version_id FROM projection_live WHERE name = 'order-totals') AND key LIKE $1`,
      [`order-chaos${run}%`],
    );
    const wrong = [...expected].filter(([k, e]) => {
      const row = p.rows.find((x) => x.key === k);
      return !row || row.state.total !== e.total || Math.round(row.state.paid * 100) !== Math.round(e.paid * 100);
    });
    projection = `${p.rows.length} rows for ${expected.size} orders, ${wrong.length} differ`;
    const rollupOk = r.rows[0].rolled === r.rows[0].events;
    if ((rollupOk && wrong.length === 0 && p.rows.length === expected.size) || Date.now() > deadline) {
      return [
        { name: "rollups caught up and equal to the event count", ok: rollupOk, detail: rollup },
        { name: "order-totals projection caught up and equal to the orders", ok: wrong.length === 0 && p.rows.length === expected.size, detail: projection },
      ];
    }
    await sleep(500);
  }
}
