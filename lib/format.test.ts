import { describe, expect, it } from "vitest";
import { formatBytes, formatCount, formatDateTime, formatDay, formatInteger, formatPerHour, formatPerSecond, formatRelativeTime, shortId } from "./format";

describe("formatCount", () => {
  it("keeps small counts exact, with separators", () => {
    expect(formatCount(0)).toBe("0");
    expect(formatCount(950)).toBe("950");
    expect(formatCount(9_999)).toBe("9,999");
  });
  it("abbreviates large counts with one decimal", () => {
    expect(formatCount(12_345)).toBe("12.3 k");
    expect(formatCount(1_200_000)).toBe("1.2 M");
    expect(formatCount(3_000_000)).toBe("3 M");
    expect(formatCount(123_456_789)).toBe("123 M");
    expect(formatCount(3_400_000_000)).toBe("3.4 B");
  });
  it("moves to the next unit instead of printing 1000", () => {
    expect(formatCount(999_960)).toBe("1 M");
  });
  it("handles negatives and non-numbers", () => {
    expect(formatCount(-12_345)).toBe("-12.3 k");
    expect(formatCount(Number.NaN)).toBe("—");
  });
});

describe("formatInteger", () => {
  it("groups thousands", () => {
    expect(formatInteger(1_234_567)).toBe("1,234,567");
  });
});

describe("formatBytes", () => {
  it("shows bytes below one kilobyte", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(512)).toBe("512 B");
  });
  it("scales by 1024", () => {
    expect(formatBytes(1024)).toBe("1 kB");
    expect(formatBytes(1536)).toBe("1.5 kB");
    expect(formatBytes(3.4 * 1024 ** 3)).toBe("3.4 GB");
    expect(formatBytes(250 * 1024 ** 2)).toBe("250 MB");
  });
  it("moves to the next unit instead of printing 1024", () => {
    expect(formatBytes(1024 * 1024 - 10)).toBe("1 MB");
  });
  it("rejects nonsense", () => {
    expect(formatBytes(-1)).toBe("—");
  });
});

describe("formatRelativeTime", () => {
  const now = Date.parse("2026-11-26T12:00:00Z");
  const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();
  it("says just now for the last few seconds", () => {
    expect(formatRelativeTime(ago(10), now)).toBe("just now");
  });
  it("counts minutes, hours and days in the past", () => {
    expect(formatRelativeTime(ago(5 * 60), now)).toBe("5 minutes ago");
    expect(formatRelativeTime(ago(3 * 3600), now)).toBe("3 hours ago");
    expect(formatRelativeTime(ago(86_400), now)).toBe("yesterday");
    expect(formatRelativeTime(ago(10 * 86_400), now)).toBe("10 days ago");
    expect(formatRelativeTime(ago(90 * 86_400), now)).toBe("3 months ago");
    expect(formatRelativeTime(ago(800 * 86_400), now)).toBe("2 years ago");
  });
  it("speaks about the future too", () => {
    expect(formatRelativeTime(ago(-12 * 86_400), now)).toBe("in 12 days");
  });
  it("reads RFC 3339 with microseconds and an offset", () => {
    expect(formatRelativeTime("2026-11-26T13:00:00.123456+02:00", now)).toBe("1 hour ago");
  });
  it("shows a dash for no time", () => {
    expect(formatRelativeTime(null, now)).toBe("—");
    expect(formatRelativeTime("not a time", now)).toBe("—");
  });
});

describe("formatDateTime", () => {
  it("shows the time in UTC", () => {
    expect(formatDateTime("2026-11-26T13:42:07.5+02:00")).toBe("2026-11-26 11:42:07 UTC");
  });
  it("keeps every microsecond when asked", () => {
    expect(formatDateTime("2026-11-26T11:42:07.123456+00:00", { micro: true })).toBe("2026-11-26 11:42:07.123456 UTC");
    expect(formatDateTime("2026-11-26T11:42:07+00:00", { micro: true })).toBe("2026-11-26 11:42:07.000000 UTC");
  });
  it("shows a dash for no time", () => {
    expect(formatDateTime(null)).toBe("—");
  });
});

describe("formatDay and shortId", () => {
  it("labels a day", () => {
    expect(formatDay("2026-11-06")).toBe("6 Nov");
  });
  it("shortens long ids only", () => {
    expect(shortId("0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b")).toBe("0193a1b2…");
    expect(shortId("abc")).toBe("abc");
    expect(shortId(null)).toBe("—");
  });
});

describe("formatPerHour and formatPerSecond", () => {
  it("shows events per hour without a unit, keeping a decimal under ten", () => {
    expect(formatPerHour(0.42)).toBe("0.4");
    expect(formatPerHour(12_345)).toBe("12.3 k");
  });

  it("shows events per second with its unit, and a dash when nothing moves", () => {
    expect(formatPerSecond(1249.6)).toBe("1,250 ev/s");
    expect(formatPerSecond(0)).toBe("—");
    expect(formatPerSecond(null)).toBe("—");
    expect(formatPerSecond(undefined)).toBe("—");
  });
});
