import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { prepareEmbeddedDatabase } from "./prepare-database";

const clusterUrl = inject("clusterUrl");
// The roles' passwords as the test cluster set them: ensureRoles sets them again, so they must not change.
const passwords = {
  ownerPassword: decodeURIComponent(new URL(inject("ownerUrl")).password),
  runtimePassword: decodeURIComponent(new URL(inject("runtimeUrl")).password),
};
const name = `hs_prep_${randomBytes(4).toString("hex")}`;
const urlOf = (db: string) => {
  const u = new URL(clusterUrl);
  u.pathname = `/${db}`;
  return u.toString();
};

async function query<T extends pg.QueryResultRow>(db: string, sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: urlOf(db) });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

const databases = () => query<{ datname: string }>("postgres", `SELECT datname FROM pg_database WHERE datname LIKE '${name}%' ORDER BY datname`).then((r) => r.map((x) => x.datname));

afterAll(async () => {
  for (const db of [name, `${name}_loading`]) await query("postgres", `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
});

describe("the embedded database's first start", () => {
  it("leaves no app database when the demo world fails to load, and loads it whole on the next start", async () => {
    const lines: string[] = [];
    const log = (l: string) => lines.push(l);
    // 500 events is below the demo world's minimum: the load fails after the scratch database was made and migrated.
    await expect(prepareEmbeddedDatabase({ urlOf, name, demoEvents: 500, passwords, log })).rejects.toThrow("events must be a whole number >= 1000");
    expect(await databases()).toEqual([`${name}_loading`]);

    await prepareEmbeddedDatabase({ urlOf, name, demoEvents: 2000, passwords, log });
    expect(lines).toContain("an earlier start did not finish loading the demo world: loading it again from scratch");
    expect(await databases()).toEqual([name]);
    const [meta] = await query<{ events: number }>(name, "SELECT (value->>'events')::int AS events FROM hindsight_meta WHERE key = 'demo_world'");
    const [stored] = await query<{ n: number }>(name, "SELECT count(*)::int AS n FROM events");
    expect(meta.events).toBeGreaterThanOrEqual(2000);
    expect(stored.n).toBeGreaterThanOrEqual(meta.events);

    // A later start finds the database and leaves it alone.
    await prepareEmbeddedDatabase({ urlOf, name, demoEvents: 2000, passwords, log });
    const [again] = await query<{ n: number }>(name, "SELECT count(*)::int AS n FROM events");
    expect(again.n).toBe(stored.n);
  }, 180_000);
});
