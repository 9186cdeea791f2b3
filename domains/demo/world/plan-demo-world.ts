import type { DemoKind, DemoTask, WorldContext } from "./demo-task";
import { loopCorrelationId, MAX_LOOP_EVENTS, planLoopBurst } from "./loop-burst";
import { planOrderStreams, planOrderTimes } from "./order-streams";
import { planTickStreams } from "./tick-streams";
import { DAY_MS, hourSlots, spikeDayStart } from "./timeline";
import { planUserDirectory } from "./user-directory";
import { planUserStreams } from "./user-streams";

export type DemoWorldOptions = { events: number; days: number; seed: number; now?: number };

export type DemoPlan = {
  tasks: DemoTask[];
  /** Events per kind of task; they add up to the requested size. */
  counts: Record<DemoKind, number>;
  total: number;
  start: number;
  end: number;
  spikeDay: number | null;
  cutover: number;
  loopCorrelationId: string;
  /** Every user id, i.e. every data subject whose PII the world carries. */
  userIds: string[];
};

// Shares of the events that are not ticks or the loop; ticks take TICK_SHARE of the whole world.
const TICK_SHARE = 0.58;
const ORDER_SHARE = 0.58;
const USER_SHARE = 0.13;
const ACCOUNT_SHARE = 0.29;
const EVENTS_PER_ORDER = 2.75;
const EVENTS_PER_USER = 3.4;
const USERS_WITH_ACCOUNTS = 0.55;

/**
 * The whole demo world for a seed, as tasks that generate their appends lazily. Pure: the same
 * options give the same tasks, events, ids and times. Ticks are sized last, from the exact count
 * of everything else, so the world has exactly `events` events.
 */
export function planDemoWorld(opts: DemoWorldOptions): DemoPlan {
  const end = Math.floor(opts.now ?? Date.now());
  const start = end - opts.days * DAY_MS;
  const period = { start, end, spikeDay: spikeDayStart(start, end, opts.days) };
  const ctx: WorldContext = { seed: opts.seed, period, slots: hourSlots(start, end), cutover: start + (end - start) / 2 };

  const loopLength = Math.min(MAX_LOOP_EVENTS, Math.max(Math.min(300, Math.floor(opts.events / 10)), Math.round(opts.events * 0.01)));
  const rest = Math.max(0, opts.events - Math.round(opts.events * TICK_SHARE) - loopLength - 2);
  const userCount = Math.max(8, Math.round((rest * USER_SHARE) / EVENTS_PER_USER));
  const dir = planUserDirectory(ctx, userCount, USERS_WITH_ACCOUNTS);
  const accountMean = (rest * ACCOUNT_SHARE) / (userCount * USERS_WITH_ACCOUNTS);
  const orderTimes = planOrderTimes(ctx, Math.round((rest * ORDER_SHARE) / EVENTS_PER_ORDER));

  const loop = planLoopBurst(ctx, dir, loopLength);
  const users = planUserStreams(ctx, dir, accountMean);
  const orders = planOrderStreams(ctx, orderTimes, dir);
  const counts: Record<DemoKind, number> = { loop: countEvents([loop]), users: countEvents(users), orders: countEvents(orders), ticks: 0 };
  counts.ticks = Math.max(0, opts.events - counts.loop - counts.users - counts.orders);
  const ticks = planTickStreams(ctx, counts.ticks);

  // The loop is the longest chain of sequential appends and tickers the next: start them first.
  const tasks = [loop, ...ticks, ...interleave(users, orders)];
  return {
    tasks,
    counts,
    total: counts.loop + counts.users + counts.orders + counts.ticks,
    start,
    end,
    spikeDay: period.spikeDay,
    cutover: ctx.cutover,
    loopCorrelationId: loopCorrelationId(opts.seed, dir.ids[dir.loopIndex]),
    userIds: dir.ids,
  };
}

function countEvents(tasks: DemoTask[]): number {
  let n = 0;
  for (const task of tasks) for (const append of task.appends()) n += append.events.length;
  return n;
}

/** Spreads users and orders through the run so sign-ups and purchases load side by side. */
function interleave(a: DemoTask[], b: DemoTask[]): DemoTask[] {
  const out: DemoTask[] = [];
  const ratio = b.length / Math.max(1, a.length);
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    out.push(a[i]);
    for (const stop = Math.round((i + 1) * ratio); j < stop && j < b.length; j++) out.push(b[j]);
  }
  return out.concat(b.slice(j));
}
