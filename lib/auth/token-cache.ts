import "server-only";
import { createHash } from "node:crypto";
import { isListening, listenChannel, onListenLost } from "../db-notifications";
import type { Caller } from "./caller";
import { authenticateToken } from "./token-auth";
import { env } from "../env";

/** Changes to tokens and users (revoke, disable, role change) NOTIFY here: see the auth_notify migration. */
export const AUTH_CHANNEL = "hindsight_auth";

/** The fallback bound on how long a cached caller (or an open stream's) is trusted if a NOTIFY went missing. */
export function authRecheckMs(): number {
  return env("HINDSIGHT_TOKEN_CACHE_MS");
}

const cache = new Map<string, { caller: Caller; until: number }>();
const changeHandlers = new Set<() => void>();
let started: Promise<void> | undefined;
// Bumped on every invalidation: a lookup that began before one must not store what it read.
let generation = 0;

function start(): Promise<void> {
  started ??= (async () => {
    onListenLost(forget);
    await listenChannel(AUTH_CHANNEL, () => {
      forget();
      for (const fn of changeHandlers) fn();
    });
  })().catch((e) => {
    started = undefined;
    throw e;
  });
  return started;
}

function forget(): void {
  generation++;
  cache.clear();
}

/**
 * The caller behind a bearer token, as authenticateToken() answers it, cached per process until
 * an auth change is NOTIFYed (or TTL_MS passes). Failures are never cached; nothing is served
 * from the cache while the LISTEN connection is down.
 */
export async function cachedTokenCaller(raw: string, from: string | null): Promise<Caller> {
  await start().catch(() => undefined);
  const key = createHash("sha256").update(raw).digest("base64url");
  const hit = cache.get(key);
  if (hit && hit.until > Date.now() && isListening()) return hit.caller;
  const seen = generation;
  const caller = await authenticateToken(raw, from);
  if (isListening() && seen === generation) {
    if (cache.size > 10_000) cache.clear();
    cache.set(key, { caller, until: Date.now() + authRecheckMs() });
  }
  return caller;
}

/** Runs `fn` after every auth change anywhere (open subscriptions re-check their caller then). */
export function onAuthChange(fn: () => void): () => void {
  void start().catch(() => undefined);
  changeHandlers.add(fn);
  return () => void changeHandlers.delete(fn);
}
