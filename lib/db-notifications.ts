import "server-only";
import type pg from "pg";
import { getPool, onCloseDb } from "./db";

type Handler = (payload: string) => void;

const handlers = new Map<string, Set<Handler>>();
const lostHandlers = new Set<() => void>();
let client: Promise<pg.PoolClient> | undefined;
let live = false;

/**
 * One LISTEN connection per process, shared by everything that follows a channel (token cache,
 * log subscriptions). Resolves once the channel is listened to; the returned function stops.
 */
export async function listenChannel(channel: string, handler: Handler): Promise<() => void> {
  if (!/^[a-z_]+$/.test(channel)) throw new Error(`bad channel name ${channel}`);
  let set = handlers.get(channel);
  const fresh = !set;
  if (!set) handlers.set(channel, (set = new Set()));
  set.add(handler);
  const c = await connect();
  if (fresh) await c.query(`LISTEN ${channel}`);
  return () => void set.delete(handler);
}

/** Whether notifications are flowing now: caches may only trust themselves while this is true. */
export function isListening(): boolean {
  return live;
}

/** Called when the LISTEN connection is lost: anything cached on the strength of NOTIFY must be dropped. */
export function onListenLost(fn: () => void): () => void {
  lostHandlers.add(fn);
  return () => void lostHandlers.delete(fn);
}

function connect(): Promise<pg.PoolClient> {
  if (client) return client;
  const pending = (async () => {
    const c = await getPool().connect();
    c.on("notification", (msg) => {
      for (const h of handlers.get(msg.channel) ?? []) h(msg.payload ?? "");
    });
    c.on("error", () => lose(pending));
    for (const channel of handlers.keys()) await c.query(`LISTEN ${channel}`);
    live = true;
    onCloseDb(async () => {
      if (client === pending) lose(pending);
      c.release(true);
    });
    return c;
  })();
  client = pending;
  pending.catch(() => lose(pending));
  return pending;
}

function lose(which: Promise<pg.PoolClient>): void {
  if (client !== which) return;
  client = undefined;
  live = false;
  for (const fn of lostHandlers) fn();
}
