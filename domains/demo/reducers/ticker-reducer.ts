import { num, text, type JsonObject, type Reducer } from "hindsight/domain";

/** A ticker's quote: the last bid/ask, how many ticks, the bid's high and low, and volume traded. */
export type TickerState = {
  symbol: string | null;
  bid: number | null;
  ask: number | null;
  ticks: number;
  // Of the bid, as quote charts usually plot it; null until the first tick.
  high: number | null;
  low: number | null;
  volume: number;
  lastTickAt: string | null;
};

/** `ticker-<SYMBOL>`: PriceTicked, thousands of times a day (the demo's unbounded streams). */
export const tickerReducer: Reducer<TickerState> = {
  category: "ticker",
  version: 1,
  reads: ["PriceTicked"],
  initialState: () => ({ symbol: null, bid: null, ask: null, ticks: 0, high: null, low: null, volume: 0, lastTickAt: null }),
  evolve: (state, event) => {
    if (event.type !== "PriceTicked") return state;
    const d: JsonObject = event.data;
    const bid = num(d, "bid");
    return {
      symbol: text(d, "symbol") ?? state.symbol,
      bid,
      ask: num(d, "ask"),
      ticks: state.ticks + 1,
      high: bid === null ? state.high : state.high === null ? bid : Math.max(state.high, bid),
      low: bid === null ? state.low : state.low === null ? bid : Math.min(state.low, bid),
      volume: state.volume + (num(d, "volume") ?? 0),
      lastTickAt: event.recordedAt,
    };
  },
};
