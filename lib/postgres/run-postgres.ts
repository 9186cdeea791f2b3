import fs from "node:fs";
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import pg from "pg";
import { ClusterError, explainPostgresFailure } from "./cluster-error";
import { livePostmaster, readPostmasterPid } from "./postmaster-pid";
import type { PgBinaries } from "./pg-binaries";
import type { Owner } from "./system-user";
import { childEnv } from "../env";

export type PostgresExit = { code: number | null; signal: NodeJS.Signals | null };

export type RunPostgresOptions = {
  bin: PgBinaries;
  dir: string;
  port: number;
  owner: Owner | null;
  /** A superuser URL: ready means postmaster.pid says "ready" and this URL connects. */
  probeUrl: string;
  /** `-c name=value` settings on top of DEFAULT_SETTINGS. */
  settings?: Record<string, string>;
  /** The variable named when the port is taken. */
  portVariable?: string;
  log?: (line: string) => void;
  readyTimeoutMs?: number;
};

export type RunningPostgres = { pid: number; exited: Promise<PostgresExit>; recentLines: () => string[]; stop: (graceMs?: number) => Promise<void> };

/**
 * Crash recovery replays the WAL written since the last checkpoint: a checkpoint a minute (and at
 * most 1 GB of WAL between them) keeps a restart after kill -9 within seconds under load.
 */
export const DEFAULT_SETTINGS: Record<string, string> = {
  max_connections: "200",
  shared_buffers: "256MB",
  synchronous_commit: "on",
  max_wal_size: "1GB",
  checkpoint_timeout: "60s",
  listen_addresses: "127.0.0.1",
  unix_socket_directories: "",
};

// Lines a person should see: failures and the crash-recovery story.
const SHOWN = /\b(FATAL|PANIC):|was interrupted|not properly shut down|redo (starts|done)|No space left on device/;
const QUIET = /terminating connection due to (administrator command|unexpected postmaster exit)|not yet accepting connections|the database system is (starting up|shutting down|in recovery mode)/;
// A killed server's processes may still hold its shared memory or lock file for a moment.
const TRANSIENT = /pre-existing shared memory block .* is still in use|lock file ".*" already exists/;

/** Spawns `postgres` (as the postgres user when we are root) and resolves once it accepts connections. */
export async function runPostgres(opts: RunPostgresOptions): Promise<RunningPostgres> {
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 120_000);
  for (;;) {
    clearStalePid(opts.dir);
    const live = livePostmaster(opts.dir);
    if (live) throw new ClusterError(`PostgreSQL (pid ${live.pid}) from an earlier run still serves ${opts.dir}: stop it with "kill -INT ${live.pid}" and start again`);
    const attempt = spawnOnce(opts);
    const outcome = await waitReady(attempt, opts, deadline);
    if (outcome === "ready") return attempt.handle;
    const lines = attempt.handle.recentLines();
    if (TRANSIENT.test(lines.join("\n")) && Date.now() < deadline) {
      opts.log?.("waiting for the previous PostgreSQL's processes to exit…");
      await sleep(500);
      continue;
    }
    if (outcome === "timeout") {
      await attempt.handle.stop(2_000);
      throw new ClusterError(`PostgreSQL did not accept connections on port ${opts.port} within ${Math.round((opts.readyTimeoutMs ?? 120_000) / 1000)} s`);
    }
    throw new ClusterError(explainPostgresFailure(lines, opts.port, opts.portVariable ?? "the port option"));
  }
}

function spawnOnce(opts: RunPostgresOptions): { child: ChildProcess; handle: RunningPostgres } {
  const settings = { ...DEFAULT_SETTINGS, ...opts.settings };
  const args = ["-D", opts.dir, "-p", String(opts.port), ...Object.entries(settings).flatMap(([k, v]) => ["-c", `${k}=${v}`])];
  const ids = opts.owner ? { uid: opts.owner.uid, gid: opts.owner.gid } : {};
  const child = spawn(opts.bin.postgres, args, { ...ids, env: childEnv({ LC_ALL: "C", LC_MESSAGES: "C" }), stdio: ["ignore", "ignore", "pipe"] });
  const lines: string[] = [];
  let partial = "";
  child.stderr!.on("data", (d: Buffer) => {
    const parts = (partial + d.toString()).split("\n");
    partial = parts.pop() ?? "";
    for (const line of parts) {
      lines.push(line);
      if (lines.length > 60) lines.shift();
      if (SHOWN.test(line) && !QUIET.test(line)) opts.log?.(line.replace(/^\S+ \S+ \S+ \[\d+\] /, "").trim());
    }
  });
  const exited = new Promise<PostgresExit>((resolve) => {
    child.once("error", (e) => {
      lines.push(`FATAL: ${e.message}`);
      resolve({ code: 127, signal: null });
    });
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  const stop = async (graceMs = 3_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    // SIGINT is PostgreSQL's fast shutdown: open transactions roll back, the WAL is flushed, a clean checkpoint.
    child.kill("SIGINT");
    if (await within(exited, graceMs)) return;
    child.kill("SIGQUIT");
    if (await within(exited, 1_000)) return;
    child.kill("SIGKILL");
    await exited;
  };
  return { child, handle: { pid: child.pid ?? -1, exited, recentLines: () => [...lines], stop } };
}

async function waitReady(attempt: { child: ChildProcess; handle: RunningPostgres }, opts: RunPostgresOptions, deadline: number): Promise<"ready" | "exited" | "timeout"> {
  let gone = false;
  void attempt.handle.exited.then(() => (gone = true));
  while (Date.now() < deadline) {
    if (gone) return "exited";
    const info = readPostmasterPid(opts.dir);
    if (info?.pid === attempt.child.pid && info?.status === "ready" && (await connects(opts.probeUrl))) return "ready";
    await sleep(100);
  }
  return gone ? "exited" : "timeout";
}

async function connects(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A pid file whose process is gone (or is not a postgres) only blocks the next start. */
function clearStalePid(dir: string): void {
  if (readPostmasterPid(dir) && !livePostmaster(dir)) fs.rmSync(path.join(dir, "postmaster.pid"), { force: true });
}

async function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((r) => (timer = setTimeout(() => r(false), ms)));
  const done = await Promise.race([p.then(() => true as const), timeout]);
  clearTimeout(timer);
  return done;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
