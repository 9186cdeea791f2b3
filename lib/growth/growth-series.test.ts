import { describe, expect, it } from "vitest";
import { bucketStarts, growthRange, OTHER_KEY, toGrowthSeries } from "./growth-series";

const day = (d: number) => `2026-11-0${d}T00:00:00+00:00`;

describe("toGrowthSeries", () => {
  it("zero-fills every bucket and keeps the cumulative storage from what the store held before", () => {
    const starts = [day(1), day(2), day(3)];
    const s = toGrowthSeries([{ start: day(2), key: "order", count: 4, bytes: 400 }], starts, 1000);
    expect(s.events).toEqual([{ start: day(1), order: 0 }, { start: day(2), order: 4 }, { start: day(3), order: 0 }]);
    expect(s.storage.map((r) => r.bytes)).toEqual([1000, 1400, 1400]);
    expect(s.totals).toEqual({ events: 4, bytes: 400 });
  });

  it("keeps the largest keys as series and sums the rest into other", () => {
    const buckets = Array.from({ length: 8 }, (_, i) => ({ start: day(1), key: `k${i}`, count: 10 - i, bytes: 1 }));
    const s = toGrowthSeries(buckets, [day(1)], 0);
    expect(s.keys).toEqual(["k0", "k1", "k2", "k3", "k4", OTHER_KEY]);
    expect(s.events[0][OTHER_KEY]).toBe(5 + 4 + 3);
    expect(s.totals.events).toBe(buckets.reduce((n, b) => n + b.count, 0));
  });
});

describe("bucketStarts", () => {
  it("starts at the bucket holding `from` and stops before `to`", () => {
    expect(bucketStarts(new Date("2026-11-01T10:30:00Z"), new Date("2026-11-03T00:00:00Z"), "day")).toEqual([day(1), day(2)]);
    expect(bucketStarts(new Date("2026-11-01T10:30:00Z"), new Date("2026-11-01T12:00:00Z"), "hour")).toEqual(["2026-11-01T10:00:00+00:00", "2026-11-01T11:00:00+00:00"]);
  });
});

describe("growthRange", () => {
  const now = Date.parse("2026-11-26T13:20:00Z");
  it("covers a week by the hour up to the end of the current hour", () => {
    expect(growthRange(7, now)).toEqual({ from: new Date("2026-11-19T14:00:00Z"), to: new Date("2026-11-26T14:00:00Z"), bucket: "hour" });
  });
  it("covers 30 whole UTC days, today included, by the day", () => {
    const r = growthRange(30, now);
    expect(r.bucket).toBe("day");
    expect(bucketStarts(r.from, r.to, r.bucket)).toHaveLength(30);
    expect(r.from).toEqual(new Date("2026-10-28T00:00:00Z"));
  });
});
