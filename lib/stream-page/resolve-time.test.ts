import { describe, expect, it } from "vitest";
import { localInputToUtc, utcToLocalInput } from "./resolve-time";
import { pageOfVersion, TIMELINE_PAGE_SIZE } from "./use-event-pages";

describe("the time machine's date input", () => {
  it("reads a datetime-local value as UTC, with or without seconds", () => {
    expect(localInputToUtc("2026-03-01T12:34")).toBe("2026-03-01T12:34:00Z");
    expect(localInputToUtc("2026-03-01T12:34:56")).toBe("2026-03-01T12:34:56Z");
    expect(localInputToUtc("2026-03-01T12:34:56.5")).toBe("2026-03-01T12:34:56.5Z");
  });

  it("refuses anything that is not a full date and time", () => {
    expect(localInputToUtc("")).toBeNull();
    expect(localInputToUtc("2026-03-01")).toBeNull();
    expect(localInputToUtc("yesterday")).toBeNull();
  });

  it("shows a stored time in UTC to the second, and nothing for no time", () => {
    expect(utcToLocalInput("2026-03-01T14:34:56.123456+02:00")).toBe("2026-03-01T12:34:56");
    expect(utcToLocalInput(null)).toBe("");
  });
});

describe("timeline pages", () => {
  it("puts versions 1..page size on page 0 and the next version on page 1", () => {
    expect(pageOfVersion(1)).toBe(0);
    expect(pageOfVersion(TIMELINE_PAGE_SIZE)).toBe(0);
    expect(pageOfVersion(TIMELINE_PAGE_SIZE + 1)).toBe(1);
    expect(pageOfVersion(0)).toBe(0);
  });
});
