import { describe, expect, it } from "vitest";
import { MAX_TOKEN_SECONDS, parseTokenExpiry, TOKEN_EXPIRY_CHOICES } from "./token-expiry";

describe("token expiry", () => {
  it.each([
    ["90d", 90 * 86_400],
    ["12h", 12 * 3600],
    ["2w", 14 * 86_400],
    [" 30D ", 30 * 86_400],
    ["3650d", MAX_TOKEN_SECONDS],
    ["never", null],
  ])("reads %j", (text, seconds) => {
    expect(parseTokenExpiry(text)).toBe(seconds);
  });

  it.each(["", "0d", "90", "d", "-1d", "1.5d", "90 days", "3651d", "1y", "forever"])("refuses %j", (text) => {
    expect(() => parseTokenExpiry(text)).toThrow();
  });

  it("offers only choices it can read", () => {
    for (const c of TOKEN_EXPIRY_CHOICES) expect(() => parseTokenExpiry(c.value)).not.toThrow();
  });
});
