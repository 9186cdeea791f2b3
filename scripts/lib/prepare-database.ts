import pg from "pg";
import { ensureRoles } from "../../lib/db-roles";
import { runOwnerStep } from "../../lib/db-owner-step";

export type PrepareDatabaseOptions = {
  /** The cluster's superuser URL for a database name. */
  urlOf: (database: string) => string;
  name: string;
  demoEvents: number;
  /** Passwords of the owner and runtime roles (lib/db-roles.ts): the world is loaded as the app would write it. */
  passwords: { ownerPassword: string; runtimePassword: string };
  log: (line: string) => void;
};

/**
 * Makes sure the embedded cluster holds the app's database. On a first start with a demo world, the
 * world is built in a scratch database renamed into place only once complete: a failure (a full
 * disk, a Ctrl-C) leaves nothing half-loaded, and the next start drops the scratch and tries again.
 */
export async function prepareEmbeddedDatabase(opts: PrepareDatabaseOptions): Promise<void> {
  const loading = `${opts.name}_loading`;
  const exists = await adminQuery(opts.urlOf("postgres"), async (c) => {
    const { rows } = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname = ANY($1)", [[opts.name, loading]]);
    const names = new Set(rows.map((r) => r.datname));
    if (names.has(loading)) {
      opts.log("an earlier start did not finish loading the demo world: loading it again from scratch");
      await c.query(`DROP DATABASE ${loading} WITH (FORCE)`);
    }
    return names.has(opts.name) || opts.demoEvents <= 0;
  });
  if (exists) return;

  const roles = await ensureRoles({ superuserUrl: opts.urlOf("postgres"), database: loading, ...opts.passwords });
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = roles.runtimeUrl;
  const { closeDb } = await import("../../lib/db");
  try {
    await runOwnerStep({ ...roles, log: opts.log });
    await import("../../domains/demo/install");
    const { seedDemoWorldOnce } = await import("../../domains/demo/world/seed-once");
    await seedDemoWorldOnce({ events: opts.demoEvents, log: opts.log });
  } finally {
    await closeDb();
    process.env.DATABASE_URL = previous;
  }
  await adminQuery(opts.urlOf("postgres"), (c) => c.query(`ALTER DATABASE ${loading} RENAME TO ${opts.name}`));
}

async function adminQuery<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  c.on("error", () => undefined);
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end().catch(() => undefined);
  }
}
