import type pg from "pg";
import { summariseFilledEvents } from "../bench/summarise-filled-events";

// A synthetic store shaped like the demo world (domains/demo/world/plan-demo-world.ts): 58 % ticks on 20
// unbounded tickers, orders of 1–4 events (every 10th cancelled, v1 placements in the first half),
// users with PII subjects and their profiles, accounts of ~10 movements. Written with set-based
// SQL straight into events (bypassing hs_append, which would take hours for 10 M events); streams
// and the stream_types summary hs_append keeps are built from events at the end.

export const DAYS = 90;
const TICKERS = 20;
const ROUNDS = 40;

export type FillPlan = { ticks: number; orders: number; users: number; accounts: number };

/** How many of each kind make about `events` events. */
export function planFill(events: number): FillPlan {
  return {
    ticks: Math.round(events * 0.58),
    orders: Math.round((events * 0.24) / 2.5),
    users: Math.round((events * 0.055) / 4),
    accounts: Math.round((events * 0.125) / 10.5),
  };
}

type Range = [number, number];

/** Inserts round `r` of `ROUNDS`: a slice of every kind, so a fill stopped early still has the demo's mix. */
function roundSql(plan: FillPlan, r: number): { sql: string; params: unknown[] }[] {
  const slice = (n: number): Range => [Math.floor((n * r) / ROUNDS) + 1, Math.floor((n * (r + 1)) / ROUNDS)];
  const perTicker = Math.floor(plan.ticks / TICKERS);
  const t0 = `now() - interval '${DAYS} days'`;
  const span = `${DAYS} * 86400.0`;
  const cols = "event_id, stream_id, category, stream_hash, stream_version, type, schema_version, data, subjects, recorded_at, size_bytes";
  const row = (stream: string, category: string, version: string, type: string, schema: string, data: string, subjects: string, at: string) =>
    `SELECT gen_random_uuid(), ${stream}, '${category}', hashtext(${stream}), ${version}, ${type}, ${schema}, ${data}, ${subjects}, ${at}, length(${data}::text) FROM`;
  return [
    {
      sql: `INSERT INTO events (${cols}) ${row("'ticker-T' || s", "ticker", "v", "'PriceTicked'", "1", "jsonb_build_object('symbol', 'T' || s, 'bid', 100 + v % 97, 'ask', 101 + v % 97, 'volume', v % 50)", "'{}'", `${t0} + make_interval(secs => ${span} * v / $3::int)`)}
              generate_series(0, ${TICKERS - 1}) s, generate_series($1::int, $2::int) v`,
      params: [...slice(perTicker), perTicker],
    },
    {
      sql: `INSERT INTO events (${cols}) ${row("'order-' || k", "order", "v", "CASE WHEN v = 1 THEN 'OrderPlaced' WHEN k % 10 = 0 THEN 'OrderCancelled' WHEN v = 2 THEN 'OrderPaid' ELSE 'OrderShipped' END", "CASE WHEN v = 1 AND k < $3::int / 2 THEN 1 WHEN v = 1 THEN 2 ELSE 1 END", "jsonb_build_object('orderId', k::text, 'total', k % 500 + 0.5)", "'{}'", `${t0} + make_interval(secs => ${span} * k / $3::int + v * 3600)`)}
              generate_series($1::int, $2::int) k, generate_series(1, 1 + k % 4) v`,
      params: [...slice(plan.orders), plan.orders],
    },
    {
      sql: `INSERT INTO events (${cols}) ${row("c || '-u' || k", "user", "v", "CASE WHEN c = 'profile' THEN 'ProfileUpdated' WHEN v = 1 THEN 'UserRegistered' ELSE 'UserUpdated' END", "1", "jsonb_build_object('userId', 'u' || k, 'email', jsonb_build_object('$pii', 'u' || k || ':k:iv:ct:tag'))", "ARRAY['u' || k]", `${t0} + make_interval(secs => ${span} * k / $3::int + v * 86400)`)}
              generate_series($1::int, $2::int) k, unnest(ARRAY['user', 'profile']) c, generate_series(1, 1 + k % 3) v`,
      params: [...slice(plan.users), plan.users],
    },
    {
      sql: `INSERT INTO events (${cols}) ${row("'account-' || k", "account", "v", "CASE WHEN v = 1 THEN 'AccountOpened' WHEN v % 3 = 0 THEN 'FundsWithdrawn' ELSE 'FundsDeposited' END", "1", "jsonb_build_object('accountId', k::text, 'amount', v % 90 + 1)", "'{}'", `${t0} + make_interval(secs => ${span} * k / $3::int + v * 7200)`)}
              generate_series($1::int, $2::int) k, generate_series(1, 6 + k % 10) v`,
      params: [...slice(plan.accounts), plan.accounts],
    },
  ];
}

export type FillResult = { events: number; streams: number; seconds: number; complete: boolean };

/** Fills the store round by round until done or out of time, then summarises streams and analyses. */
export async function fillStore(db: pg.Client, events: number, budgetMs: number, log: (line: string) => void): Promise<FillResult> {
  const plan = planFill(events);
  const started = Date.now();
  let r = 0;
  for (; r < ROUNDS && Date.now() - started < budgetMs; r++) {
    for (const q of roundSql(plan, r)) await db.query(q.sql, q.params);
    if (r % 5 === 4) log(`filled ${r + 1}/${ROUNDS} rounds in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  log("summarising streams and analysing");
  await summariseFilledEvents(db);
  const { rows } = await db.query<{ events: string; streams: string }>("SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM streams) AS streams");
  return { events: Number(rows[0].events), streams: Number(rows[0].streams), seconds: (Date.now() - started) / 1000, complete: r === ROUNDS };
}
