import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { createSourceDatabase, urlOn, withClient, type SourceDatabase } from "./source-database";

const SCRIPTS = path.resolve(__dirname, "../../node_modules/@eventide/message-db/database");
/** Message DB writes as its own `message_store` role (its search_path then finds the schema); the password is fixed so parallel installs agree. */
const WRITER_PASSWORD = "message_store";

/**
 * The SQL files of @eventide/message-db in the order its install.sh runs them (following
 * `source install-*.sh`), each with whether it runs in the `postgres` database (the role script).
 */
export function messageDbScripts(file = "install.sh"): { file: string; inPostgresDb: boolean }[] {
  const out: { file: string; inPostgresDb: boolean }[] = [];
  for (const line of fs.readFileSync(path.join(SCRIPTS, file), "utf8").split("\n")) {
    const sql = /\$base\/(\S+\.sql)/.exec(line);
    const sourced = /^\s*source \$base\/(\S+\.sh)/.exec(line);
    if (sql) out.push({ file: sql[1], inPostgresDb: /run_psql postgres /.test(line) });
    else if (sourced) out.push(...messageDbScripts(sourced[1]));
  }
  return out;
}

export type MessageDb = SourceDatabase & {
  /** As message_store, the role Message DB's clients write with. */
  writerUrl: string;
  /** A login role for Hindsight's reader: USAGE on the schema, SELECT on messages and pg_read_all_stats unless turned off. */
  readerUrl(grants?: { select?: boolean; stats?: boolean }): Promise<string>;
};

/** Installs Message DB into a new database of the cluster (superuser URL), from the npm package's own scripts, in install.sh's order. */
export async function installMessageDb(clusterUrl: string): Promise<MessageDb> {
  const db = await createSourceDatabase(clusterUrl, "mdb");
  for (const { file, inPostgresDb } of messageDbScripts()) {
    const sql = fs.readFileSync(path.join(SCRIPTS, file), "utf8");
    if (inPostgresDb) {
      // The role is cluster-wide: a parallel install may create it at the same moment (unique violation instead of duplicate_object).
      await withClient(clusterUrl, (c) => c.query(sql)).catch((e: { code?: string }) => {
        if (e.code !== "23505" && e.code !== "XX000") throw e;
      });
    } else {
      await withClient(db.adminUrl, (c) => c.query(`SET client_min_messages = warning; ${sql}`));
    }
  }
  await withClient(clusterUrl, (c) => c.query(`ALTER ROLE message_store PASSWORD '${WRITER_PASSWORD}'`));
  return {
    ...db,
    writerUrl: urlOn(clusterUrl, db.database, { name: "message_store", password: WRITER_PASSWORD }),
    readerUrl: (grants = {}) =>
      db.role(async (c, role) => {
        await c.query(`GRANT USAGE ON SCHEMA message_store TO ${role}`);
        if (grants.select !== false) await c.query(`GRANT SELECT ON message_store.messages TO ${role}`);
        if (grants.stats !== false) await c.query(`GRANT pg_read_all_stats TO ${role}`);
      }),
  };
}

export type MessageToWrite = { id?: string; streamName: string; type: string; data: object; metadata?: object; expectedVersion?: number };

/** Writes one message through Message DB's own write_message, as its clients do; returns the stream position it took (0-based). */
export async function writeMessage(c: pg.ClientBase, m: MessageToWrite): Promise<{ id: string; position: number }> {
  const id = m.id ?? crypto.randomUUID();
  const { rows } = await c.query<{ position: string }>("SELECT write_message($1, $2, $3, $4, $5, $6) AS position", [
    id,
    m.streamName,
    m.type,
    JSON.stringify(m.data),
    m.metadata ? JSON.stringify(m.metadata) : null,
    m.expectedVersion ?? null,
  ]);
  return { id, position: Number(rows[0].position) };
}

/** A connected client as message_store, for writers that hold a transaction open. */
export async function messageDbWriter(db: MessageDb): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: db.writerUrl });
  await c.connect();
  return c;
}
