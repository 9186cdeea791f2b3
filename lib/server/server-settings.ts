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

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a whole number above 0 (got "${raw}")`);
  return n;
}

/** The settings from HINDSIGHT_* variables, with defaults fit for a console behind a browser or a proxy. */
export function serverSettingsFromEnv(): ServerSettings {
  const bodyTimeoutMs = positive("HINDSIGHT_BODY_TIMEOUT_MS", 10_000);
  return {
    // Node refuses a headers timeout above the request timeout.
    headersTimeoutMs: Math.min(positive("HINDSIGHT_HEADERS_TIMEOUT_MS", 10_000), bodyTimeoutMs),
    bodyTimeoutMs,
    keepAliveTimeoutMs: positive("HINDSIGHT_KEEP_ALIVE_TIMEOUT_MS", 5_000),
    maxHeaderBytes: positive("HINDSIGHT_MAX_HEADER_BYTES", 16 * 1024),
    trustedProxies: (process.env.HINDSIGHT_TRUSTED_PROXIES ?? "").split(",").map((s) => s.trim()).filter(Boolean),
  };
}
