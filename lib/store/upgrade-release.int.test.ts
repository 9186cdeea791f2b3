import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, expect, it } from "vitest";
import { startCluster, type EmbeddedCluster } from "../embedded-postgres";
import { migrate } from "../migrate";
import { freePort } from "../testing/global-setup";

// The previous release's .data/ upgrades in place: this release's migrations (auth NOTIFY
// triggers, the slimmer events indexes, NULL for empty metadata and subjects) apply to it, and
// its events stay readable in log order.
// Its own PostgreSQL: the fixture is a whole cluster.

let cluster: EmbeddedCluster | undefined;
let work: string | undefined;

afterAll(async () => {
  await cluster?.stop();
  if (work) fs.rmSync(work, { recursive: true, force: true });
}, 60_000);

it("upgrades release 0.1.0's store in place", async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-upgrade-"));
  fs.chmodSync(work, 0o711);
  execFileSync("tar", ["xzf", path.resolve("lib/testing/fixtures/release-0.1.0-data.tar.gz"), "-C", work]);
  const dataDir = path.join(work, ".data");
  // The files belong to the uid `postgres` had where the fixture was made; here it may differ.
  const uid = execFileSync("id", ["-u", "postgres"]).toString().trim();
  execFileSync("chown", ["-R", `${uid}:${uid}`, path.join(dataDir, "pg")]);
  fs.chmodSync(dataDir, 0o711);
  const secrets = JSON.parse(fs.readFileSync(path.join(dataDir, "secrets.json"), "utf8")) as { pgPassword: string };
  cluster = await startCluster({ dir: path.join(dataDir, "pg"), port: await freePort(), password: secrets.pgPassword });
  const url = cluster.url("hindsight");
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const before = await db.query<{ n: string }>("SELECT count(*) AS n FROM events");
    expect(Number(before.rows[0].n)).toBeGreaterThan(0);
    const applied = await migrate(url);
    expect(applied).toEqual(expect.arrayContaining(["20261203007000_auth_notify", "20261203007100_events_bytes", "20261204007200_events_bytes"]));
    const indexes = (await db.query<{ name: string }>("SELECT indexrelid::regclass::text AS name FROM pg_index WHERE indrelid = 'events'::regclass")).rows.map((r) => r.name);
    expect(indexes).toContain("events_category_idx");
    expect(indexes).not.toContain("events_category_position_idx");
    expect(indexes).not.toContain("events_stream_hash_idx");
    // Partition replays read through streams_hash_idx and events_stream_version_key; recorded_at has a BRIN index.
    expect(indexes).not.toContain("events_hash_log_idx");
    expect(indexes).not.toContain("events_recorded_at_idx");
    expect(indexes).toContain("events_recorded_at_brin");
    expect(indexes).toContain("events_stream_version_key");
    const streamIndexes = (await db.query<{ name: string }>("SELECT indexrelid::regclass::text AS name FROM pg_index WHERE indrelid = 'streams'::regclass")).rows.map((r) => r.name);
    expect(streamIndexes).toContain("streams_hash_idx");
    // Rows written before keep their '{}' metadata and subjects; new empty ones are NULL.
    const nullable = await db.query<{ column_name: string; is_nullable: string }>(
      "SELECT column_name, is_nullable FROM information_schema.columns WHERE table_name = 'events' AND column_name IN ('metadata', 'subjects') ORDER BY 1",
    );
    expect(nullable.rows).toEqual([{ column_name: "metadata", is_nullable: "YES" }, { column_name: "subjects", is_nullable: "YES" }]);
    const empties = await db.query<{ n: string }>("SELECT count(*) AS n FROM events WHERE metadata IS NULL OR subjects IS NULL");
    expect(empties.rows[0].n).toBe("0");
    const after = await db.query<{ n: string }>("SELECT count(*) AS n FROM events WHERE category IS NOT NULL");
    expect(after.rows[0].n).toBe(before.rows[0].n);
    // A revoke in the upgraded store NOTIFYs the processes that cache tokens.
    await db.query("LISTEN hindsight_auth");
    const heard = new Promise<string>((resolve) => db.once("notification", (m) => resolve(m.payload ?? "")));
    await db.query("UPDATE api_tokens SET revoked_at = now() WHERE id = (SELECT id FROM api_tokens LIMIT 1)");
    await db.query("UPDATE users SET role = role WHERE id = (SELECT id FROM users LIMIT 1)");
    expect(await heard).toMatch(/api_tokens|users/);
  } finally {
    await db.end();
  }
}, 180_000);
