// Pure trend fitting for the growth forecast: no server imports, so the page and tests share it.

const DAY_MS = 86_400_000;

export type DailyTotal = { day: string; events: number; bytes: number };

export type Trend = {
  /** Per-day value on the last observed day, from the fitted line (not the raw last value). */
  perDayNow: number;
  /** Change of the per-day value from one day to the next. */
  slopePerDay: number;
};

export type Milestone = { target: number; days: number | null };

export type Forecast = {
  daysUsed: number;
  events: Trend & { total: number; milestone: Milestone };
  bytes: Trend & { total: number; milestone: Milestone };
  /** One row per day: observed cumulative totals, then the projection (the last observed day carries both, so the lines join). */
  rows: { day: string; events?: number; bytes?: number; eventsForecast?: number; bytesForecast?: number }[];
};

/** Least-squares line through (i, values[i]). */
export function fitLine(values: number[]): { intercept: number; slope: number } {
  const n = values.length;
  if (n === 0) return { intercept: 0, slope: 0 };
  if (n === 1) return { intercept: values[0], slope: 0 };
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  values.forEach((y, x) => {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  });
  const slope = num / den;
  return { intercept: meanY - slope * meanX, slope };
}

/** The next "round" figure above `value`: 1, 2 or 5 × a power of ten (1 200 → 2 000, 48 M → 50 M). */
export function nextMilestone(value: number): number {
  const steps = [1, 2, 5, 10];
  const power = 10 ** Math.floor(Math.log10(Math.max(1, value)));
  for (const s of steps) if (s * power > value) return s * power;
  return 10 * power;
}

/** The next round size above `bytes` in the units people read (5 MB, 2 GB): 1-2-5 steps of a power of 1024. */
export function nextByteMilestone(bytes: number): number {
  const unit = 1024 ** Math.max(0, Math.floor(Math.log(Math.max(1, bytes)) / Math.log(1024)));
  const next = nextMilestone(bytes / unit);
  // "1000 kB" reads worse than the 1 MB just above it.
  return next >= 1000 ? 1024 * unit : next * unit;
}

/** Days until the cumulative total reaches `target` at a per-day rate that follows the fitted line (never below 0); null beyond `horizon`. */
export function daysToReach(total: number, target: number, trend: Trend, horizon = 3650): number | null {
  let sum = total;
  for (let d = 1; d <= horizon; d++) {
    sum += Math.max(0, trend.perDayNow + trend.slopePerDay * d);
    if (sum >= target) return d;
  }
  return null;
}

/**
 * Fits a line to the daily events and bytes of the last complete days and projects the cumulative
 * totals `ahead` days on: the dashed continuation of the storage chart and "reaches N in D days".
 * `totals` are what the store holds at the end of the last day.
 */
export function fitForecast(days: DailyTotal[], totals: { events: number; bytes: number }, ahead = 30): Forecast {
  const trendOf = (values: number[]): Trend => {
    const { intercept, slope } = fitLine(values);
    return { perDayNow: Math.max(0, intercept + slope * (values.length - 1)), slopePerDay: slope };
  };
  const events = trendOf(days.map((d) => d.events));
  const bytes = trendOf(days.map((d) => d.bytes));

  // Observed cumulative totals, counted back from today's.
  const rows: Forecast["rows"] = [];
  let e = totals.events;
  let b = totals.bytes;
  for (let i = days.length - 1; i >= 0; i--) {
    rows.unshift({ day: days[i].day, events: e, bytes: b });
    e -= days[i].events;
    b -= days[i].bytes;
  }
  const last = rows.at(-1);
  if (last) {
    last.eventsForecast = last.events;
    last.bytesForecast = last.bytes;
    let fe = totals.events;
    let fb = totals.bytes;
    const lastDay = Date.parse(last.day);
    for (let d = 1; d <= ahead; d++) {
      fe += Math.max(0, events.perDayNow + events.slopePerDay * d);
      fb += Math.max(0, bytes.perDayNow + bytes.slopePerDay * d);
      rows.push({ day: new Date(lastDay + d * DAY_MS).toISOString().slice(0, 10), eventsForecast: Math.round(fe), bytesForecast: Math.round(fb) });
    }
  }
  const eventsTarget = nextMilestone(totals.events);
  const bytesTarget = nextByteMilestone(totals.bytes);
  return {
    daysUsed: days.length,
    events: { ...events, total: totals.events, milestone: { target: eventsTarget, days: daysToReach(totals.events, eventsTarget, events) } },
    bytes: { ...bytes, total: totals.bytes, milestone: { target: bytesTarget, days: daysToReach(totals.bytes, bytesTarget, bytes) } },
    rows,
  };
}
