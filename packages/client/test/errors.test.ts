import { expect, it } from "vitest";
import { ERROR_STATUS } from "../../../lib/errors";
import { ERROR_CLASSES, HindsightError, toHindsightError, VersionConflict } from "../src/errors";

it("has one typed error per code the API answers", () => {
  expect(Object.keys(ERROR_CLASSES).sort()).toEqual(Object.keys(ERROR_STATUS).sort());
});

it("builds the typed error from an API refusal, details included", () => {
  const e = toHindsightError(409, { error: { code: "version_conflict", message: "no", expectedVersion: 1, actualVersion: 2 } });
  expect(e).toBeInstanceOf(VersionConflict);
  expect(e).toBeInstanceOf(HindsightError);
  expect(e).toMatchObject({ status: 409, code: "version_conflict", message: "no", details: { expectedVersion: 1, actualVersion: 2 }, name: "VersionConflict" });
  expect(toHindsightError(502, "<html>")).toMatchObject({ code: "http_502", status: 502 });
});
