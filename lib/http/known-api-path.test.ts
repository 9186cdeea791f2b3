import { describe, expect, it } from "vitest";
import { isKnownApiPath } from "./known-api-path";

// The proxy answers 404 JSON for API paths no route handler serves, and lets every real one through.

describe("isKnownApiPath", () => {
  it.each(["/api/health", "/api/v1/streams", "/api/v1/streams/order-1/events", "/api/v1/streams/a%2Fb/state", "/api/auth/callback/oidc", "/api/v1/erasure-requests/"])(
    "knows %s",
    (path) => expect(isKnownApiPath(path)).toBe(true),
  );

  it.each(["/api", "/api/v1", "/api/v1/nope", "/api/v1/streams/order-1/nope", "/api/v1/streams/order-1/events/extra", "/api/auth", "/api/v1/stats/growthx"])(
    "does not know %s",
    (path) => expect(isKnownApiPath(path)).toBe(false),
  );
});
