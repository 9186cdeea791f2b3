import { afterEach, describe, expect, it } from "vitest";
import { generateApiToken, hashApiToken, isWellFormedToken, tokenPrefix } from "./api-token-format";
import { safeCallbackPath } from "./public-paths";
import { requestMeta } from "./request-meta";
import { crossSiteReason } from "./same-origin";
import { setEnv } from "../env";

describe("API token format", () => {
  it("is hs_ + 43 base64url characters, unique, hashed to 64 hex characters", () => {
    const a = generateApiToken();
    expect(isWellFormedToken(a)).toBe(true);
    expect(a).not.toBe(generateApiToken());
    expect(hashApiToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiToken(a)).toBe(hashApiToken(a));
    expect(tokenPrefix(a)).toBe(a.slice(0, 10));
    for (const bad of ["", "hs_", `hs_${"a".repeat(42)}`, `hs_${"a".repeat(44)}`, `xx_${"a".repeat(43)}`, `hs_${"a".repeat(42)}=`]) expect(isWellFormedToken(bad)).toBe(false);
  });
});

describe("where to go after signing in", () => {
  afterEach(() => {
    setEnv({ NEXTAUTH_URL: undefined });
  });
  it.each([
    [undefined, "/"],
    ["/streams?prefix=order-", "/streams?prefix=order-"],
    ["//evil.example/x", "/"],
    ["/\\evil.example", "/"],
    ["https://evil.example/streams", "/"],
    ["javascript:alert(1)", "/"],
    ["/sign-in", "/"],
  ])("%s → %s", (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });
  it("keeps the path of an absolute URL of this site", () => {
    setEnv({ NEXTAUTH_URL: "https://hindsight.example.com" });
    expect(safeCallbackPath("https://hindsight.example.com/audit?actor=x")).toBe("/audit?actor=x");
    expect(safeCallbackPath("https://other.example.com/audit")).toBe("/");
  });
});

describe("cross-site checks", () => {
  const url = "http://localhost:3000/api/v1/streams/x/events";
  it.each([
    [{ origin: "http://localhost:3000" }, null],
    [{ "sec-fetch-site": "same-origin" }, null],
    [{ origin: "http://localhost:3000", "sec-fetch-site": "same-origin" }, null],
    [{ origin: "https://evil.example" }, "Origin https://evil.example is not this site"],
    [{ "sec-fetch-site": "cross-site", origin: "http://localhost:3000" }, "Sec-Fetch-Site is cross-site"],
    [{ "sec-fetch-site": "same-site" }, "Sec-Fetch-Site is same-site"],
    [{}, "the request has no Origin header"],
    [{ origin: "null" }, "the Origin header is not a URL"],
  ])("%j → %s", (headers, reason) => {
    expect(crossSiteReason(new Headers(headers as Record<string, string>), url)).toBe(reason);
  });
  it("accepts the Host the request was sent to (behind a proxy, X-Forwarded-Host)", () => {
    expect(crossSiteReason(new Headers({ origin: "https://console.example.com", host: "console.example.com" }), "http://10.0.0.5:3000/api")).toBeNull();
    expect(crossSiteReason(new Headers({ origin: "https://console.example.com", "x-forwarded-host": "console.example.com" }), "http://10.0.0.5:3000/api")).toBeNull();
  });
});

describe("request meta", () => {
  it("takes the address our server resolved and the user agent, from Headers or a plain object", () => {
    expect(requestMeta(new Headers({ "x-hindsight-client-ip": "10.0.0.1", "user-agent": "curl/8" }))).toEqual({ ip: "10.0.0.1", userAgent: "curl/8" });
    expect(requestMeta({ "x-hindsight-client-ip": "127.0.0.1" })).toEqual({ ip: "127.0.0.1", userAgent: null });
    expect(requestMeta(new Headers())).toEqual({ ip: null, userAgent: null });
  });
  it("never reads a forwarding header a client could write", () => {
    expect(requestMeta(new Headers({ "x-forwarded-for": "203.0.113.9", "x-real-ip": "203.0.113.9", forwarded: "for=203.0.113.9" }))).toEqual({ ip: null, userAgent: null });
  });
});
