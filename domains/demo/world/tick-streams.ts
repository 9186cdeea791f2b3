import type { AppendOptions, NewEvent } from "../../../lib/store/append-to-stream";
import { SYMBOLS } from "./demo-catalog";
import { streamIds, type DemoTask, type WorldContext } from "./demo-task";
import { Rng, seedFor } from "./prng";
import { allocate, isoMicros, slotWeights, timesInSlot, type VolumeShape } from "./timeline";

/** Ticks go in batches of this size, as a market-data feed would write them. */
export const TICK_BATCH = 500;

// Busier in the US/EU session, quieter at weekends (crypto keeps trading), growing all period:
// the growth is what makes ticker streams the demo's unbounded streams.
export const TICK_SHAPE: VolumeShape = {
  growth: [0.6, 1.6],
  diurnal: [0.6, 0.5, 0.5, 0.5, 0.6, 0.7, 0.9, 1.1, 1.3, 1.3, 1.2, 1.2, 1.3, 1.6, 1.8, 1.8, 1.7, 1.6, 1.3, 1.1, 0.9, 0.8, 0.7, 0.6],
  weekend: 0.45,
  spike: 6,
};

/** One task per symbol: `ticker-<SYMBOL>` streams holding `total` PriceTicked events between them. */
export function planTickStreams(ctx: WorldContext, total: number): DemoTask[] {
  const split = new Rng(seedFor(ctx.seed, "ticks/split"));
  const perSymbol = allocate(total, SYMBOLS.map((s) => s.share), split, 0.1);
  const weights = slotWeights(ctx.slots, TICK_SHAPE, ctx.period);
  return SYMBOLS.map((spec, i) => {
    const streamId = `ticker-${spec.symbol}`;
    const perSlot = allocate(perSymbol[i], weights, new Rng(seedFor(ctx.seed, `ticks/slots/${spec.symbol}`)));
    return { key: streamId, kind: "ticks" as const, appends: () => tickBatches(ctx, streamId, spec, perSlot) };
  });
}

function* tickBatches(ctx: WorldContext, streamId: string, spec: (typeof SYMBOLS)[number], perSlot: number[]): Iterable<AppendOptions> {
  const rng = new Rng(seedFor(ctx.seed, `ticks/${spec.symbol}`));
  const ids = streamIds(ctx.seed, streamId);
  const scale = 10 ** spec.decimals;
  let price = spec.price;
  let version = 0;
  let events: NewEvent[] = [];
  let times: string[] = [];
  const flush = (): AppendOptions => {
    const append = { streamId, expectedVersion: version - events.length, events, recordedAt: times };
    events = [];
    times = [];
    return append;
  };
  for (let s = 0; s < ctx.slots.length; s++) {
    if (perSlot[s] === 0) continue;
    for (const at of timesInSlot(rng, ctx.slots[s], perSlot[s])) {
      price *= Math.exp(spec.sigma * rng.gauss());
      const spread = price * rng.between(0.00005, 0.0004);
      const bid = Math.round((price - spread / 2) * scale) / scale;
      const ask = Math.max(bid + 1 / scale, Math.round((price + spread / 2) * scale) / scale);
      version++;
      events.push({
        type: "PriceTicked",
        eventId: ids.event(version),
        data: { symbol: spec.symbol, bid, ask: Math.round(ask * scale) / scale, volume: rng.int(1, 50) * (spec.decimals > 2 ? 1000 : 10) },
        metadata: { feed: "demo-market-data" },
      });
      times.push(isoMicros(at));
      if (events.length === TICK_BATCH) yield flush();
    }
  }
  if (events.length > 0) yield flush();
}
