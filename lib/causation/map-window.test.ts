import { describe, expect, it } from "vitest";
import { mapWindow } from "./map-window";

const now = new Date("2026-11-26T15:00:00Z");

describe("the causation map's window", () => {
  it("reads the named windows and falls back to the last day", () => {
    expect(mapWindow({ window: "hour" }, now).from.toISOString()).toBe("2026-11-26T14:00:00.000Z");
    expect(mapWindow({ window: "week" }, now).from.toISOString()).toBe("2026-11-19T15:00:00.000Z");
    expect(mapWindow({ window: "decade" }, now)).toMatchObject({ key: "day", from: new Date("2026-11-25T15:00:00Z") });
  });

  it("reads a custom window in UTC, puts a reversed one right and caps it at a year", () => {
    expect(mapWindow({ window: "custom", from: "2026-11-17T14:00", to: "2026-11-17T16:30" }, now)).toMatchObject({
      from: new Date("2026-11-17T14:00:00Z"),
      to: new Date("2026-11-17T16:30:00Z"),
      label: "2026-11-17 14:00 – 2026-11-17 16:30 UTC",
    });
    expect(mapWindow({ window: "custom", from: "2026-11-20T00:00", to: "2026-11-10T00:00" }, now).from.toISOString()).toBe("2026-11-09T00:00:00.000Z");
    expect(mapWindow({ window: "custom", from: "2020-01-01T00:00", to: "2026-11-26T00:00" }, now).from.toISOString()).toBe("2025-11-25T00:00:00.000Z");
  });
});
