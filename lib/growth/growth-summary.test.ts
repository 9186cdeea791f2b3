import { describe, expect, it } from "vitest";
import { axisTicks, summarizeGrowth } from "./growth-summary";

const day = (d: number) => `2026-11-${String(d).padStart(2, "0")}T00:00:00+00:00`;
const starts = Array.from({ length: 10 }, (_, i) => day(i + 1));

describe("summarizeGrowth", () => {
  it("names the busiest day with its date and the category that filled it most", () => {
    const s = summarizeGrowth(
      [
        { start: day(2), key: "order", count: 30, bytes: 1 },
        { start: day(5), key: "order", count: 20, bytes: 1 },
        { start: day(5), key: "ticker", count: 25, bytes: 1 },
        { start: day(7), key: "user", count: 44, bytes: 1 },
      ],
      starts,
    );
    expect(s.busiest).toEqual({ start: day(5), total: 45, topKey: "ticker", topCount: 25 });
  });

  it("ranks keys by events added in the window and gives the trend between its halves", () => {
    const s = summarizeGrowth(
      [
        { start: day(1), key: "slow", count: 10, bytes: 100 },
        { start: day(9), key: "slow", count: 5, bytes: 50 },
        { start: day(2), key: "fast", count: 4, bytes: 10 },
        { start: day(8), key: "fast", count: 16, bytes: 40 },
        { start: day(30), key: "outside", count: 999, bytes: 1 },
      ],
      starts,
    );
    expect(s.ranked.map((r) => r.key)).toEqual(["fast", "slow"]);
    expect(s.ranked[0]).toMatchObject({ events: 20, bytes: 50, firstHalf: 4, secondHalf: 16, change: 3 });
    expect(s.ranked[1]).toMatchObject({ events: 15, change: -0.5 });
    expect(s.ranked[0].share + s.ranked[1].share).toBeCloseTo(1);
  });

  it("has no busiest bucket and no trend where there is nothing to compare", () => {
    expect(summarizeGrowth([], starts)).toEqual({ busiest: null, ranked: [] });
    expect(summarizeGrowth([{ start: day(9), key: "new", count: 3, bytes: 1 }], starts).ranked[0].change).toBeNull();
  });
});

describe("axisTicks", () => {
  const hours = Array.from({ length: 168 }, (_, i) => `h${i}`);

  it("always labels the spike, and no other label crowds it", () => {
    for (const spike of ["h0", "h5", "h87", "h167"]) {
      const ticks = axisTicks(hours, spike);
      expect(ticks).toContain(spike);
      const at = hours.indexOf(spike);
      const near = ticks.filter((t) => t !== spike && Math.abs(hours.indexOf(t) - at) < 11);
      expect(near).toEqual([]);
      expect(ticks.length).toBeLessThanOrEqual(9);
    }
  });

  it("labels every bucket when there are few", () => {
    expect(axisTicks(starts.slice(0, 6), day(3))).toEqual(starts.slice(0, 6));
  });
});
