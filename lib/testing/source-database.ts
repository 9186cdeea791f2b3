import { randomBytes } from "node:crypto";
import pg from "pg";
import { databaseUrl, roleUrl, withClient } from "../db-roles";

/** A database standing in for another store's, on a test cluster, with login roles made for it. */
export type SourceDatabase = {
  database: string;
  /** The database as the cluster's superuser (what the store's own installer runs as). */
  adminUrl: string;
  /** Makes a login role, lets `grant` give it what it needs (as superuser, in this database), and returns its URL. */
  role(grant: (c: pg.Client, role: string) => Promise<unknown>): Promise<string>;
  /** One query in this database as the superuser, on its own connection. */
  adminQuery<R extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<pg.QueryResult<R>>;
  drop(): Promise<void>;
};

export { withClient };

/** The URL of `database` on the same server, optionally as another user. */
export function urlOn(url: string, database: string, user?: { name: string; password: string }): string {
  return user ? roleUrl(url, database, user.name, user.password) : databaseUrl(url, database);
}

/** Creates an empty database on the cluster (superuser URL); its roles are dropped with it. */
export async function createSourceDatabase(clusterUrl: string, prefix: string): Promise<SourceDatabase> {
  const database = `${prefix}_${randomBytes(5).toString("hex")}`;
  const adminUrl = urlOn(clusterUrl, database);
  const roles: string[] = [];
  await withClient(clusterUrl, (c) => c.query(`CREATE DATABASE ${database}`));
  return {
    database,
    adminUrl,
    async role(grant) {
      const name = `${database}_r${roles.length}`;
      const password = randomBytes(9).toString("hex");
      roles.push(name);
      await withClient(clusterUrl, (c) => c.query(`CREATE ROLE ${name} LOGIN PASSWORD '${password}'`));
      await withClient(adminUrl, (c) => grant(c, name));
      return urlOn(clusterUrl, database, { name, password });
    },
    adminQuery: (sql, params) => withClient(adminUrl, (c) => c.query(sql, params)),
    async drop() {
      await withClient(clusterUrl, async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
        for (const r of roles) await c.query(`DROP ROLE IF EXISTS ${r}`);
      });
    },
  };
}
