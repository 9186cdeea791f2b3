import { describe, expect, it } from "vitest";
import { daysToReach, fitForecast, fitLine, nextByteMilestone, nextMilestone } from "./forecast";

const days = (values: number[]) => values.map((v, i) => ({ day: `2026-11-${String(i + 1).padStart(2, "0")}`, events: v, bytes: v * 100 }));

describe("fitLine", () => {
  it("recovers an exact line and is flat for constants", () => {
    expect(fitLine([3, 5, 7, 9])).toEqual({ intercept: 3, slope: 2 });
    expect(fitLine([4, 4, 4])).toEqual({ intercept: 4, slope: 0 });
    expect(fitLine([7])).toEqual({ intercept: 7, slope: 0 });
  });
});

describe("nextMilestone", () => {
  it("is the next 1-2-5 figure above the value", () => {
    expect(nextMilestone(1_200)).toBe(2_000);
    expect(nextMilestone(2_000)).toBe(5_000);
    expect(nextMilestone(48_000_000)).toBe(50_000_000);
    expect(nextMilestone(7_100)).toBe(10_000);
    expect(nextMilestone(0)).toBe(1);
  });
});

describe("nextByteMilestone", () => {
  it("is the next 1-2-5 size in binary units", () => {
    expect(nextByteMilestone(3 * 1024 ** 2)).toBe(5 * 1024 ** 2);
    expect(nextByteMilestone(700 * 1024 ** 3)).toBe(1024 ** 4);
    expect(nextByteMilestone(1.5 * 1024 ** 4)).toBe(2 * 1024 ** 4);
    expect(nextByteMilestone(500)).toBe(1024);
  });
});

describe("daysToReach", () => {
  it("adds the per-day rate along the trend until the target", () => {
    expect(daysToReach(1_000, 2_000, { perDayNow: 100, slopePerDay: 0 })).toBe(10);
    expect(daysToReach(1_000, 2_000, { perDayNow: 100, slopePerDay: 10 })).toBe(8); // 110+120+…+180 = 1 160 ≥ 1 000 after 8 days
    expect(daysToReach(1_000, 2_000, { perDayNow: 100, slopePerDay: -50 })).toBeNull(); // the volume dies out first
  });
});

describe("fitForecast", () => {
  it("given steady growth of 10 more events each day, then it projects the line and says when the next milestone is reached", () => {
    const f = fitForecast(days([100, 110, 120, 130, 140, 150, 160]), { events: 9_000, bytes: 900_000 }, 5);
    expect(f.daysUsed).toBe(7);
    expect(f.events.perDayNow).toBeCloseTo(160);
    expect(f.events.slopePerDay).toBeCloseTo(10);
    expect(f.events.milestone).toEqual({ target: 10_000, days: 6 }); // 170+180+190+200+210 = 950, +220 → 1 170
    expect(f.bytes.milestone.target).toBe(1024 ** 2); // 900 000 bytes → 1 MB
    // Observed cumulative totals end at today's, and the forecast starts from the same point.
    expect(f.rows[6]).toMatchObject({ day: "2026-11-07", events: 9_000, eventsForecast: 9_000 });
    expect(f.rows[0].events).toBe(9_000 - (110 + 120 + 130 + 140 + 150 + 160));
    expect(f.rows.slice(7).map((r) => r.eventsForecast)).toEqual([9_170, 9_350, 9_540, 9_740, 9_950]);
    expect(f.rows[11]).toMatchObject({ day: "2026-11-12" });
    expect(f.rows[11].events).toBeUndefined();
  });

  it("with no history it projects nothing", () => {
    const f = fitForecast([], { events: 0, bytes: 0 });
    expect(f.rows).toEqual([]);
    expect(f.events.milestone.days).toBeNull();
  });
});
