import { env } from "../env";

/** Limits our HTTP server enforces, from the environment (all in milliseconds unless named otherwise). */
export type ServerSettings = {
  /** Headers must arrive within this time (slowloris). */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this time: half a body does not hold a connection. */
  bodyTimeoutMs: number;
  /** How long an idle keep-alive connection stays open. */
  keepAliveTimeoutMs: number;
  /** Largest request head accepted; more is a 431. */
  maxHeaderBytes: number;
  /** CIDRs whose forwarding headers are believed (HINDSIGHT_TRUSTED_PROXIES). */
  trustedProxies: string[];
};

/** The settings from HINDSIGHT_* variables, with defaults fit for a console behind a browser or a proxy. */
export function serverSettingsFromEnv(): ServerSettings {
  const bodyTimeoutMs = env("HINDSIGHT_BODY_TIMEOUT_MS");
  return {
    // Node refuses a headers timeout above the request timeout.
    headersTimeoutMs: Math.min(env("HINDSIGHT_HEADERS_TIMEOUT_MS"), bodyTimeoutMs),
    bodyTimeoutMs,
    keepAliveTimeoutMs: env("HINDSIGHT_KEEP_ALIVE_TIMEOUT_MS"),
    maxHeaderBytes: env("HINDSIGHT_MAX_HEADER_BYTES"),
    trustedProxies: env("HINDSIGHT_TRUSTED_PROXIES"),
  };
}
