// npm run test:upgrade — the previous release's .data/ (lib/testing/fixtures) started through npm start's
// path: it migrates in place and keeps its events, users (their passwords still sign in) and projections.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import pg from "pg";
import { startCluster } from "../../lib/embedded-postgres";
import { freePort } from "../../lib/testing/global-setup";
import { postgresOwner } from "../../lib/postgres/system-user";
import { interrupt, startApp, type RunningApp } from "./app-process";
import { signIn } from "./sign-in";
import type { Verdict } from "./verify";

const FIXTURE = "lib/testing/fixtures/release-0.1.0-data.tar.gz";
const log = (line: string) => console.log(`[upgrade] ${line}`);

type Facts = { events: string; idsHash: string; users: string[]; projectionRows: Record<string, number>; migrations: number };

async function facts(url: string): Promise<Facts> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const ev = await db.query<{ n: string; h: string }>("SELECT count(*)::text AS n, md5(string_agg(event_id::text, ',' ORDER BY global_position)) AS h FROM events");
    const users = await db.query<{ email: string }>("SELECT email FROM users ORDER BY email");
    const rows = await db.query<{ name: string; n: number }>(
      "SELECT l.name, (SELECT count(*)::int FROM projection_rows r WHERE r.version_id = l.version_id) AS n FROM projection_live l ORDER BY l.name",
    );
    const migrations = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL");
    return { events: ev.rows[0].n, idsHash: ev.rows[0].h, users: users.rows.map((u) => u.email), projectionRows: Object.fromEntries(rows.rows.map((r) => [r.name, r.n])), migrations: migrations.rows[0].n };
  } finally {
    await db.end();
  }
}

async function main(): Promise<number> {
  const t0 = performance.now();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-upgrade-"));
  const systemDir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-upgrade-sys-"));
  fs.chmodSync(systemDir, 0o755);
  const dataDir = path.join(work, ".data");
  const verdicts: Verdict[] = [];
  let app: RunningApp | undefined;
  try {
    if (spawnSync("tar", ["-xzf", FIXTURE, "-C", work]).status !== 0) throw new Error(`cannot unpack ${FIXTURE}`);
    const owner = postgresOwner();
    if (owner) spawnSync("chown", ["-R", `${owner.uid}:${owner.gid}`, path.join(dataDir, "pg")]);
    fs.chmodSync(work, 0o711);
    const secrets = JSON.parse(fs.readFileSync(path.join(dataDir, "secrets.json"), "utf8")) as { pgPassword: string };
    const pgPort = Number(process.env.UPGRADE_PG_PORT ?? (await freePort()));
    const before = await (async () => {
      const cluster = await startCluster({ dir: path.join(dataDir, "pg"), port: pgPort, password: secrets.pgPassword });
      try {
        return await facts(cluster.url("hindsight"));
      } finally {
        await cluster.stop();
      }
    })();
    log(`the fixture holds ${before.events} events, ${before.users.length} users, ${before.migrations} migrations`);
    // As root this is a private checkout (like /root/x): the start must move the data where postgres can reach it.
    fs.chmodSync(work, 0o700);
    process.env.HINDSIGHT_SYSTEM_DIR = systemDir;
    app = await startApp({ root: process.cwd(), dataDir, port: Number(process.env.UPGRADE_PORT ?? (await freePort())), pgPort, demoEvents: 2000 });
    const after = await facts(`postgresql://hindsight:${encodeURIComponent(secrets.pgPassword)}@127.0.0.1:${pgPort}/hindsight`);
    const migrationsNow = fs.readdirSync("prisma/migrations", { withFileTypes: true }).filter((d) => d.isDirectory()).length;
    verdicts.push({ name: "every migration applied in place", ok: after.migrations === migrationsNow, detail: `${before.migrations} → ${after.migrations} of ${migrationsNow}` });
    verdicts.push({ name: "events intact", ok: after.events === before.events && after.idsHash === before.idsHash, detail: `${after.events} events` });
    verdicts.push({ name: "users intact", ok: JSON.stringify(after.users) === JSON.stringify(before.users), detail: after.users.join(", ") });
    verdicts.push({ name: "projections intact", ok: JSON.stringify(after.projectionRows) === JSON.stringify(before.projectionRows), detail: JSON.stringify(after.projectionRows) });
    const passwords = JSON.parse(fs.readFileSync(path.join(dataDir, "demo-users.json"), "utf8")) as Record<string, string>;
    const users = Object.entries(passwords).map(([email, password]) => ({ email, password }));
    for (const u of users) {
      const email = await signIn(app.url, u.email, u.password);
      verdicts.push({ name: `${u.email} signs in with the password in demo-users.json`, ok: email === u.email, detail: email ?? "refused" });
    }
    const refused = await signIn(app.url, users[0].email, `${users[0].password}x`);
    verdicts.push({ name: "a wrong password is refused", ok: refused === null, detail: refused ?? "refused" });
    if (owner) {
      const record = JSON.parse(fs.readFileSync(path.join(dataDir, "pg-location.json"), "utf8")) as { pgDir: string };
      verdicts.push({ name: "as root, the data moved out of the private checkout", ok: record.pgDir.startsWith(systemDir) && !fs.existsSync(path.join(dataDir, "pg")), detail: record.pgDir });
    }
    const stop = await interrupt(app);
    app = undefined;
    verdicts.push({ name: "stopped cleanly", ok: stop.clean && stop.code === 0, detail: `${stop.seconds.toFixed(1)} s` });
  } finally {
    if (app) app.child.kill("SIGINT");
    if (app) await app.exited;
    fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(systemDir, { recursive: true, force: true });
  }
  for (const v of verdicts) console.log(`${v.ok ? "ok  " : "FAIL"} ${v.name}: ${v.detail}`);
  const failed = verdicts.filter((v) => !v.ok).length;
  log(`${verdicts.length - failed} passed, ${failed} failed in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`[upgrade] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
