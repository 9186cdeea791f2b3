// npm run test:chaos — the real app started as npm start does, writers with idempotent retries, and
// SIGKILL for PostgreSQL, the web server and the worker in turn; then nothing lost, nothing doubled.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "../../lib/testing/global-setup";
import { childPids, health, interrupt, sleep, startApp, type AppEnv, type RunningApp } from "./app-process";
import { verifyCaughtUp, verifyEvents, verifyGlobalLog, type Verdict } from "./verify";
import { startWriters } from "./writers";

const HEAL_TARGET_S = 15;
const log = (line: string) => console.log(`[chaos] ${line}`);

async function main(): Promise<number> {
  const t0 = performance.now();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-chaos-"));
  fs.chmodSync(dataDir, 0o711); // the postgres user (when we are root) passes through to pg/
  const env: AppEnv = {
    root: process.cwd(),
    dataDir,
    port: Number(process.env.CHAOS_PORT ?? (await freePort())),
    pgPort: Number(process.env.CHAOS_PG_PORT ?? (await freePort())),
    demoEvents: Number(process.env.CHAOS_DEMO_EVENTS ?? 2000),
  };
  const verdicts: Verdict[] = [];
  let app: RunningApp | undefined;
  try {
    log(`starting the app on ports ${env.port} / ${env.pgPort} with ${env.demoEvents} demo events in ${dataDir}`);
    app = await startApp(env);
    log(`running after ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const secrets = JSON.parse(fs.readFileSync(path.join(dataDir, "secrets.json"), "utf8")) as { pgPassword: string };
    const dbUrl = `postgresql://hindsight:${encodeURIComponent(secrets.pgPassword)}@127.0.0.1:${env.pgPort}/hindsight`;
    const token = await makeToken(dbUrl);
    const run = Date.now().toString(36);
    const writers = startWriters({ url: app.url, token, run, writers: 4, eventsPerStream: 8, maxEvents: 20_000 });
    await sleep(4_000);
    for (const target of ["postgres.server", "web", "worker"] as const) {
      const heal = await killAndHeal(app, dataDir, target);
      verdicts.push({ name: `healthy again after SIGKILL of ${label(target)} within ${HEAL_TARGET_S} s`, ok: heal <= HEAL_TARGET_S, detail: `${heal.toFixed(1)} s` });
      await sleep(3_000);
    }
    const stats = await writers.stop();
    log(`writers: ${stats.acked.length} events acknowledged in ${stats.attempts} requests (${stats.retries} retries)${stats.failures.length ? `; refused: ${stats.failures.slice(0, 3).join("; ")}` : ""}`);
    verdicts.push({ name: "writers were never refused", ok: stats.failures.length === 0, detail: String(stats.failures.length) });
    verdicts.push({ name: "writers wrote under chaos", ok: stats.acked.length > 100, detail: `${stats.acked.length} acknowledged` });
    const db = new pg.Client({ connectionString: dbUrl });
    await db.connect();
    try {
      verdicts.push(...(await verifyEvents(db, run, stats.acked)));
      verdicts.push(await verifyGlobalLog(db, app.url, token));
      verdicts.push(...(await verifyCaughtUp(db, run, stats.acked, 60_000)));
    } finally {
      await db.end();
    }
    const stop = await interrupt(app);
    app = undefined;
    log(`shutdown: ${stop.seconds.toFixed(1)} s, "stopped cleanly": ${stop.clean ? "yes" : "no"}, exit code ${stop.code}`);
    verdicts.push({ name: "Ctrl-C stops within 5 s and says stopped cleanly", ok: stop.seconds <= 5 && stop.clean && stop.code === 0, detail: `${stop.seconds.toFixed(1)} s` });

    for (const target of ["web", "postgres.server"] as const) {
      app = await startApp(env);
      process.kill(childPids(dataDir)[target], "SIGKILL");
      await sleep(200);
      const dead = await interrupt(app);
      app = undefined;
      log(`shutdown with ${label(target)} dead: ${dead.seconds.toFixed(1)} s, "stopped cleanly": ${dead.clean ? "yes" : "no"}`);
      verdicts.push({ name: `Ctrl-C with ${label(target)} dead stops within 5 s and says stopped cleanly`, ok: dead.seconds <= 5 && dead.clean && dead.code === 0, detail: `${dead.seconds.toFixed(1)} s` });
    }
    const leftovers = Object.entries(childPids(dataDir)).filter(([, pid]) => alive(pid));
    verdicts.push({ name: "no child outlives the app", ok: leftovers.length === 0, detail: leftovers.map(([n, p]) => `${n} ${p}`).join(", ") || "none" });
  } finally {
    if (app) app.child.kill("SIGINT");
    if (app) await Promise.race([app.exited, sleep(10_000)]);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  for (const v of verdicts) console.log(`${v.ok ? "ok  " : "FAIL"} ${v.name}: ${v.detail}`);
  const failed = verdicts.filter((v) => !v.ok).length;
  log(`${verdicts.length - failed} passed, ${failed} failed in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return failed ? 1 : 0;
}

/** SIGKILLs one child and measures the seconds until the app is healthy again with that child replaced. */
async function killAndHeal(app: RunningApp, dataDir: string, target: "postgres.server" | "web" | "worker"): Promise<number> {
  const pid = childPids(dataDir)[target];
  if (!pid) throw new Error(`no ${target} pid recorded in ${dataDir}/run.json`);
  const before = await health(app.url);
  process.kill(pid, "SIGKILL");
  const t0 = performance.now();
  for (;;) {
    // The web server proves itself by a new boot id; the others by a new pid recorded once ready.
    const now = childPids(dataDir)[target === "worker" ? "worker.server" : target];
    const h = now && now !== pid ? await health(app.url) : null;
    const fresh = target !== "web" || (h?.bootId && h.bootId !== before?.bootId);
    if (h?.status === "ok" && fresh) break;
    if (performance.now() - t0 > 60_000) throw new Error(`not healthy 60 s after killing ${target}:\n${app.output().slice(-3000)}`);
    await sleep(100);
  }
  const secs = (performance.now() - t0) / 1000;
  log(`SIGKILL ${label(target)} (pid ${pid}): healthy again in ${secs.toFixed(1)} s`);
  return secs;
}

function label(target: string): string {
  return target === "postgres.server" ? "PostgreSQL" : target === "web" ? "the web server" : "the worker";
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function makeToken(databaseUrl: string): Promise<string> {
  process.env.DATABASE_URL = databaseUrl;
  const { createApiTokenFromCli } = await import("../../lib/auth/create-token-cli");
  const { closeDb } = await import("../../lib/db");
  const { token } = await createApiTokenFromCli({ name: "chaos", scopes: ["events:read", "events:append"] });
  await closeDb();
  return token;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`[chaos] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
