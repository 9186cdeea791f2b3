import pg from "pg";
import { dumbo } from "@event-driven-io/dumbo";
import { getPostgreSQLEventStore, readMessagesBatch, type PostgresEventStore } from "@event-driven-io/emmett-postgresql";
import type { BenchStore } from "./workload";

export type EmmettPeer = { store: BenchStore; eventStore: PostgresEventStore; close: () => Promise<void> };

/**
 * The peer: emmett's PostgreSQL event store (0.42.0) through its public API, on a pg pool of
 * the same size Hindsight uses (HINDSIGHT_POOL_SIZE, default 20). The global read is
 * readMessagesBatch, the page read emmett's own consumers and processors run.
 */
export async function openEmmett(url: string, poolSize = Number(process.env.HINDSIGHT_POOL_SIZE ?? 20)): Promise<EmmettPeer> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client dropped by a stopping server must not crash the runner (Hindsight's pool does the same).
  pool.on("error", (e) => console.error("[emmett] idle client error:", e.message));
  const eventStore = getPostgreSQLEventStore(url, { connectionOptions: { pool } });
  // Creates emmett's schema (tables, partitions, functions) once; appends reuse the settled promise.
  await eventStore.schema.migrate();
  const db = dumbo({ connectionString: url, pool });
  const store: BenchStore = {
    async append(streamId, events) {
      await eventStore.appendToStream(streamId, events.map((e) => ({ type: e.type, data: e.data })));
    },
    async readPage(cursor, limit) {
      const page = await readMessagesBatch(db.execute, { after: (cursor as bigint | null) ?? 0n, batchSize: limit });
      return { count: page.messages.length, cursor: page.currentGlobalPosition };
    },
  };
  return {
    store,
    eventStore,
    close: async () => {
      await eventStore.close();
      await pool.end().catch(() => undefined);
    },
  };
}
