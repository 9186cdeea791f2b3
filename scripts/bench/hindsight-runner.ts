// Runs Hindsight's library in its own process for the bench (forked by scripts/bench.ts).
import "../../domains/demo/install";
import type { JsonObject } from "../../lib/schema/registry";
import { systemActor } from "../../lib/audit/actor";
import { createApiToken } from "../../lib/auth/api-tokens";
import { createUser } from "../../lib/auth/create-user";
import { closeDb, getPool } from "../../lib/db";
import { appendToStream, type NewEvent } from "../../lib/store/append-to-stream";
import type { LogPosition } from "../../lib/store/log-cursor";
import { readAll } from "../../lib/store/read-all";
import { serve } from "./runner";
import { runBatches, runReadAll, runSingles, type BatchRunOptions, type BenchStore, type TimedRunOptions } from "./workload";

const store: BenchStore = {
  async append(streamId, events, opts) {
    await appendToStream({ streamId, events: events as (NewEvent & { data: JsonObject })[], idempotencyKey: opts?.idempotencyKey });
  },
  async readPage(cursor, limit) {
    // pii "masked" is what an operator without pii.read gets: envelopes are not decrypted.
    const page = await readAll({ after: (cursor as LogPosition | null) ?? undefined, limit, pii: "masked" });
    return { count: page.events.length, cursor: page.last };
  },
};

serve({
  batches: (o: BatchRunOptions) => runBatches(store, o),
  singles: (o: TimedRunOptions) => runSingles(store, o),
  readAll: (o: { pageSize: number; maxMs: number; expected?: number }) => runReadAll(store, o),
  /** An admin and an events:append + events:read API token for the HTTP and subscription workloads (the route refuses anonymous calls). */
  createApiToken: async () => {
    const actor = systemActor("bench", "npm run bench");
    const owner = await createUser({ email: "bench@example.invalid", name: "Bench", role: "admin", password: null, actor });
    const { token } = await createApiToken({ name: "bench", scopes: ["events:append", "events:read"], ownerId: owner.id, actor });
    return token;
  },
  /** Repoints the library at another database (lib/db.ts reads DATABASE_URL when the pool is created). */
  useDatabase: async (o: { url: string }) => {
    await closeDb();
    process.env.DATABASE_URL = o.url;
    await getPool().query("SELECT 1");
    return null;
  },
  /** Closes the pool so the database can serve as a template (CREATE DATABASE needs it unused). */
  disconnect: async () => {
    await closeDb();
    return null;
  },
  close: async () => {
    await closeDb();
    return null;
  },
});
