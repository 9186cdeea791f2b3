import { describe, expect, it } from "vitest";
import { parseTime, pgTimestampToRfc3339 } from "./time";

describe("pgTimestampToRfc3339", () => {
  it.each([
    ["2026-11-26 11:42:07.123456+00", "2026-11-26T11:42:07.123456+00:00"],
    ["2026-11-26 11:42:07+00", "2026-11-26T11:42:07.000000+00:00"],
    ["2026-11-26 11:42:07.5+00", "2026-11-26T11:42:07.500000+00:00"],
    ["2026-11-26 11:42:07.000001+00", "2026-11-26T11:42:07.000001+00:00"],
    ["2026-11-26 11:42:07.123456+05:30", "2026-11-26T11:42:07.123456+05:30"],
    ["2026-11-26 11:42:07.123456-08", "2026-11-26T11:42:07.123456-08:00"],
    ["2026-11-26T11:42:07.123456+01:00", "2026-11-26T11:42:07.123456+01:00"],
  ])("given Postgres's %j, then RFC 3339 %j with every microsecond", (pg, rfc) => {
    expect(pgTimestampToRfc3339(pg)).toBe(rfc);
  });

  it("keeps the instant: the result parses to the same millisecond", () => {
    const out = pgTimestampToRfc3339("2026-11-26 23:59:59.999999-08");
    expect(new Date(out).toISOString()).toBe("2026-11-27T07:59:59.999Z");
  });

  it("passes through values it does not recognise (infinity)", () => {
    expect(pgTimestampToRfc3339("infinity")).toBe("infinity");
  });
});

describe("parseTime", () => {
  it.each([
    "2026-11-26",
    "2026-11-26T11:42",
    "2026-11-26T11:42:07Z",
    "2026-11-26t11:42:07z",
    "2026-11-26T11:42:07.123456+01:00",
    "2026-11-26T11:42:07-0800",
    "2024-02-29T00:00:00Z",
    "2000-02-29",
  ])("given %j, then it is accepted as is", (value) => {
    expect(parseTime(value)).toBe(value);
  });

  it.each([
    ["a word", "yesterday"],
    ["a Unix timestamp", "1764157327"],
    ["a month 13", "2026-13-01"],
    ["day 0", "2026-01-00"],
    ["February 30", "2026-02-30"],
    ["February 29 in a common year", "2026-02-29"],
    ["February 29 in 1900", "1900-02-29"],
    ["April 31", "2026-04-31"],
    ["hour 25", "2026-11-26T25:00:00Z"],
    ["minute 60", "2026-11-26T10:60:00Z"],
    ["seven fraction digits", "2026-11-26T11:42:07.1234567Z"],
    ["a space instead of T", "2026-11-26 11:42:07Z"],
    ["an offset past 15 hours", "2026-11-26T11:42:07+16:00"],
    ["year 0", "0000-01-01"],
  ])("given %s (%j), then null", (_label, value) => {
    expect(parseTime(value)).toBeNull();
  });
});
