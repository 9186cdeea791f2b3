import "server-only";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { poolConfigFromUrl } from "./db-config";
import { longWorkTimeouts, sessionOptions, sessionTimeouts } from "./db-timeouts";
import { hindsightTypes } from "./pg-types";
import { env } from "./env";

type DbState = { pool?: pg.Pool; longPool?: pg.Pool; prisma?: PrismaClient; url?: string };

// Cached on globalThis so Next.js dev reloads and test files reuse one pool per database.
const state: DbState = ((globalThis as { __hindsightDb?: DbState }).__hindsightDb ??= {});

function databaseUrl(): string {
  const url = env("DATABASE_URL");
  if (!url) throw new Error("DATABASE_URL is not set (npm start sets it for the embedded database)");
  return url;
}

/** The pg pool for hot paths (append, read-all, rollups) and LISTEN/NOTIFY. */
export function getPool(): pg.Pool {
  if (!state.pool) {
    state.url = databaseUrl();
    state.pool = createPool(sessionOptions(sessionTimeouts()));
  }
  return state.pool;
}

/**
 * A second pool (created on first use) for work whose statements legitimately run long (rebuild batches, archive runs,
 * erasure discovery and verification sweeps): a larger statement timeout, the same idle limit.
 */
export function getLongWorkPool(): pg.Pool {
  state.longPool ??= createPool(sessionOptions(longWorkTimeouts()));
  return state.longPool;
}

function createPool(options: string): pg.Pool {
  const max = env("HINDSIGHT_POOL_SIZE");
  const pool = new pg.Pool({ ...poolConfigFromUrl(databaseUrl()), max, types: hindsightTypes, options, connectionTimeoutMillis: 5_000 });
  // An idle client dropped by a server shutdown (57P01) is expected on stop; anything else is worth a line.
  const report = (e: Error) => {
    if ((e as { code?: string }).code !== "57P01") console.error("[db] connection error:", e.message);
  };
  pool.on("error", report);
  // A checked-out client has no listener of pg-pool's: a server restart or shutdown while it is
  // held would crash the process. Its pending query still fails, and the caller sees that.
  pool.on("connect", (client) => client.on("error", report));
  return pool;
}

/**
 * The Prisma client for reads of Hindsight's ordinary tables. It runs on the pg pool above (the
 * runtime role, the same session limits); changes go through `prismaOn(client)` inside
 * `inTransaction`, so their audit entry commits with them.
 */
export function getPrisma(): PrismaClient {
  state.prisma ??= new PrismaClient({ adapter: new PrismaPg(getPool()) });
  return state.prisma;
}

const closers: Array<() => Promise<void>> = [];

/** Registers something (a LISTEN client, a worker) to close before the pool does. */
export function onCloseDb(close: () => Promise<void>): void {
  closers.push(close);
}

/** Closes the pool, the Prisma client and everything registered with onCloseDb (tests, scripts). */
export async function closeDb(): Promise<void> {
  for (const close of closers.splice(0)) await close().catch(() => {});
  const { pool, longPool, prisma } = state;
  state.pool = undefined;
  state.longPool = undefined;
  state.prisma = undefined;
  await Promise.all([pool?.end(), longPool?.end(), prisma?.$disconnect()]);
}
