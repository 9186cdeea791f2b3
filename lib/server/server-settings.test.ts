import { afterEach, describe, expect, it } from "vitest";
import { serverSettingsFromEnv } from "./server-settings";
import { setEnv } from "../env";

// The server's limits come from the environment; a bad value stops the start with its name.

const NAMES = ["HINDSIGHT_BODY_TIMEOUT_MS", "HINDSIGHT_HEADERS_TIMEOUT_MS", "HINDSIGHT_TRUSTED_PROXIES"];
afterEach(() => {
  for (const n of NAMES) setEnv({ [n]: undefined });
});

describe("server settings", () => {
  it("default to a 10 s body timeout and no trusted proxies", () => {
    expect(serverSettingsFromEnv()).toMatchObject({ bodyTimeoutMs: 10_000, headersTimeoutMs: 10_000, trustedProxies: [] });
  });

  it("keep the headers timeout within the body timeout, and read the proxies list", () => {
    setEnv({ HINDSIGHT_BODY_TIMEOUT_MS: "3000", HINDSIGHT_TRUSTED_PROXIES: " 10.0.0.0/8, ::1 ," });
    expect(serverSettingsFromEnv()).toMatchObject({ bodyTimeoutMs: 3000, headersTimeoutMs: 3000, trustedProxies: ["10.0.0.0/8", "::1"] });
  });

  it("refuse a value that is not a positive whole number, naming the variable", () => {
    setEnv({ HINDSIGHT_BODY_TIMEOUT_MS: "ten" });
    expect(() => serverSettingsFromEnv()).toThrow(/HINDSIGHT_BODY_TIMEOUT_MS/);
  });
});
