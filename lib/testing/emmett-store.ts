import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { getPostgreSQLEventStore, type PostgresEventStore } from "@event-driven-io/emmett-postgresql";

export type EmmettStore = {
  /** The store as Emmett's own client sees it (appendToStream, the schema it migrated). */
  store: PostgresEventStore;
  /** A read-only role's URL: SELECT on emt_* and nothing else, as the README asks of a source role. */
  readerUrl: string;
  ownerUrl: string;
  drop: () => Promise<void>;
};

/**
 * A fresh Emmett store in its own database of the given cluster: Emmett's client migrates its
 * schema (emt_messages, emt_streams and their partitions), and a read-only role is made for Hindsight.
 */
export async function createEmmettStore(clusterUrl: string): Promise<EmmettStore> {
  const name = `emt_${randomBytes(5).toString("hex")}`;
  const reader = `${name}_reader`;
  const password = randomBytes(12).toString("hex");
  await onDb(clusterUrl, async (c) => {
    await c.query(`CREATE DATABASE ${name}`);
    await c.query(`DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${reader}') THEN CREATE ROLE ${reader} LOGIN PASSWORD '${password}'; END IF; END $$`);
  });
  const ownerUrl = withDatabase(clusterUrl, name);
  const store = getPostgreSQLEventStore(ownerUrl);
  await store.schema.migrate();
  await onDb(ownerUrl, async (c) => {
    await c.query(`GRANT USAGE ON SCHEMA public TO ${reader}`);
    await c.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${reader}`);
    // Partitions made later (a new tenant) are readable too.
    await c.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO ${reader}`);
  });
  const u = new URL(ownerUrl);
  u.username = reader;
  u.password = password;
  return {
    store,
    readerUrl: u.toString(),
    ownerUrl,
    drop: async () => {
      await store.close();
      await onDb(clusterUrl, async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.query(`DROP ROLE IF EXISTS ${reader}`);
      });
    },
  };
}

/** Emmett's metadata for an event caused by another: correlation and causation ids, as emmett users set them. */
export function caused(correlationId: string, causationId: string | null) {
  return { correlationId, ...(causationId ? { causationId } : {}), messageId: randomUUID() };
}

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

async function onDb(url: string, fn: (c: pg.Client) => Promise<void>): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await fn(c);
  } finally {
    await c.end();
  }
}
