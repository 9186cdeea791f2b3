import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { describePoint, parsePoint } from "./state-point";

describe("parsePoint", () => {
  it("reads digits as a version, 0 included", () => {
    expect(parsePoint("0", "from")).toEqual({ version: 0 });
    expect(parsePoint("1500", "from")).toEqual({ version: 1500 });
  });

  it("reads an RFC 3339 time with microseconds and an offset as a time", () => {
    expect(parsePoint("2026-11-26T10:15:00.123456+01:00", "to")).toEqual({ at: "2026-11-26T10:15:00.123456+01:00" });
    expect(parsePoint("2026-11-26T10:15:00Z", "to")).toEqual({ at: "2026-11-26T10:15:00Z" });
  });

  it.each(["", "-1", "1.5", "1e3", " 12", "yesterday", "2026-02-30T00:00:00Z", "99999999999"])("refuses %j with a 422 naming the field", (value) => {
    let error: unknown;
    try {
      parsePoint(value, "from");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(422);
    expect((error as AppError).details).toEqual({ field: "from" });
  });

  it("describes a point for messages", () => {
    expect(describePoint({ version: 3 })).toBe("version 3");
    expect(describePoint({ at: "2026-11-26T10:00:00Z" })).toBe("time 2026-11-26T10:00:00Z");
  });
});
