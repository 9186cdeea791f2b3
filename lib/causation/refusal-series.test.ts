import { describe, expect, it } from "vitest";
import { toRefusalSeries } from "./refusal-series";

describe("refusal series", () => {
  it("given refusals in two hours of a four-hour range, then four rows with zeros between and totals per reason", () => {
    const s = toRefusalSeries(
      [
        { hour: "2026-11-26T10:00:00.000000+00:00", reason: "causation_depth_exceeded", count: 3 },
        { hour: "2026-11-26T12:00:00.000000+00:00", reason: "idempotent_replay", count: 5 },
        { hour: "2026-11-26T12:00:00.000000+00:00", reason: "causation_depth_exceeded", count: 1 },
      ],
      new Date("2026-11-26T10:30:00Z"),
      new Date("2026-11-26T14:00:00Z"),
      "hour",
    );
    expect(s.reasons).toEqual(["causation_depth_exceeded", "idempotent_replay"]);
    expect(s.rows.map((r) => [r.start.slice(11, 13), r.causation_depth_exceeded, r.idempotent_replay])).toEqual([
      ["10", 3, 0],
      ["11", 0, 0],
      ["12", 1, 5],
      ["13", 0, 0],
    ]);
    expect(s.totals).toEqual({ causation_depth_exceeded: 4, idempotent_replay: 5 });
  });

  it("sums hours into UTC days", () => {
    const s = toRefusalSeries(
      [
        { hour: "2026-11-25T01:00:00Z", reason: "duplicate_event_id", count: 2 },
        { hour: "2026-11-25T23:00:00Z", reason: "duplicate_event_id", count: 3 },
      ],
      new Date("2026-11-24T12:00:00Z"),
      new Date("2026-11-26T12:00:00Z"),
      "day",
    );
    expect(s.rows.map((r) => [r.start.slice(0, 10), r.duplicate_event_id])).toEqual([
      ["2026-11-24", 0],
      ["2026-11-25", 5],
      ["2026-11-26", 0],
    ]);
  });
});
