import { describe, expect, it } from "vitest";
import { cronMatches, parseCron } from "./cron";

const at = (iso: string) => new Date(iso);

describe("cron", () => {
  it("matches every minute, steps, ranges and lists", () => {
    expect(cronMatches(parseCron("* * * * *"), at("2026-12-03T10:17:00Z"))).toBe(true);
    expect(cronMatches(parseCron("*/15 * * * *"), at("2026-12-03T10:30:00Z"))).toBe(true);
    expect(cronMatches(parseCron("*/15 * * * *"), at("2026-12-03T10:31:00Z"))).toBe(false);
    expect(cronMatches(parseCron("0 2-4 * * *"), at("2026-12-03T03:00:00Z"))).toBe(true);
    expect(cronMatches(parseCron("0 2-4 * * *"), at("2026-12-03T05:00:00Z"))).toBe(false);
    expect(cronMatches(parseCron("5,35 * * * *"), at("2026-12-03T10:35:00Z"))).toBe(true);
  });

  it("reads day of week (0 and 7 are Sunday) and ORs it with day of month when both are set", () => {
    expect(cronMatches(parseCron("0 3 * * 0"), at("2026-12-06T03:00:00Z"))).toBe(true); // a Sunday
    expect(cronMatches(parseCron("0 3 * * 7"), at("2026-12-06T03:00:00Z"))).toBe(true);
    expect(cronMatches(parseCron("0 3 * * 1-5"), at("2026-12-06T03:00:00Z"))).toBe(false);
    expect(cronMatches(parseCron("0 3 1 * 0"), at("2026-12-01T03:00:00Z"))).toBe(true); // the 1st, a Tuesday
  });

  it("refuses what it cannot read, naming the field", () => {
    expect(() => parseCron("* * * *")).toThrow(/five fields/);
    expect(() => parseCron("61 * * * *")).toThrow(/minute/);
    expect(() => parseCron("* * * * mon")).toThrow(/day of week/);
  });
});
