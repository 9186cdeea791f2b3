import fs from "node:fs";
import path from "node:path";
import { ClusterError } from "../../../lib/postgres/cluster-error";
import { commandLine, isAlive, livePostmaster } from "../../../lib/postgres/postmaster-pid";

export type RunRecord = { supervisor: number; startedAt: string; children: Record<string, number> };

/** .data/run.json: the supervisor's pid and its children's, so a start after a crash can find them. */
export function runRecordFile(dataDir: string): string {
  return path.join(dataDir, "run.json");
}

export function writeRunRecord(dataDir: string, children: Record<string, number>, startedAt: string): void {
  const record: RunRecord = { supervisor: process.pid, startedAt, children };
  const file = runRecordFile(dataDir);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(record, null, 2));
  fs.renameSync(`${file}.tmp`, file);
}

export function clearRunRecord(dataDir: string): void {
  fs.rmSync(runRecordFile(dataDir), { force: true });
}

// What each recorded child's command line looks like, so a pid reused by an unrelated process is left alone.
const LOOKS_LIKE: Record<string, RegExp> = { postgres: /pg-keeper\.ts/, "postgres.server": /postgres/, web: /web\.ts/, worker: /worker\.ts/ };
const LABELS: Record<string, string> = { postgres: "PostgreSQL keeper", "postgres.server": "PostgreSQL", web: "web server", worker: "worker" };

/**
 * Clears what a killed run left: refuses (saying how to stop it) when that run's supervisor is still
 * alive, stops its surviving children, and stops a postmaster still serving our data directory.
 */
export async function clearLeftovers(dataDir: string, pgDir: string | null, log: (line: string) => void): Promise<void> {
  let record: RunRecord | null = null;
  try {
    record = JSON.parse(fs.readFileSync(runRecordFile(dataDir), "utf8")) as RunRecord;
  } catch {
    record = null;
  }
  if (record && record.supervisor !== process.pid && isAlive(record.supervisor) && /start\.ts|e2e-server\.ts|chaos/.test(commandLine(record.supervisor))) {
    throw new ClusterError(`Hindsight is already running from ${dataDir} (pid ${record.supervisor}): stop it with Ctrl-C in its terminal or "kill ${record.supervisor}"`);
  }
  for (const [name, pid] of Object.entries(record?.children ?? {})) {
    const pattern = LOOKS_LIKE[name];
    if (!pattern || !isAlive(pid) || !pattern.test(commandLine(pid))) continue;
    log(`stopping a leftover ${LABELS[name]} (pid ${pid}) of a run that did not stop cleanly`);
    await stopPid(pid, name === "postgres.server" ? "SIGINT" : "SIGTERM", 5_000);
  }
  const postmaster = pgDir ? livePostmaster(pgDir) : null;
  if (postmaster) {
    log(`stopping a leftover PostgreSQL (pid ${postmaster.pid}) still serving ${pgDir}`);
    await stopPid(postmaster.pid, "SIGINT", 5_000);
    if (isAlive(postmaster.pid)) throw new ClusterError(`PostgreSQL (pid ${postmaster.pid}) still serves ${pgDir} and did not stop: stop it with "kill -QUIT ${postmaster.pid}" and start again`);
  }
  clearRunRecord(dataDir);
}

/** Sends `signal`, waits up to `ms` for the process to go, then SIGKILL (SIGQUIT for a postmaster first). */
export async function stopPid(pid: number, signal: NodeJS.Signals, ms: number): Promise<void> {
  const send = (s: NodeJS.Signals) => {
    try {
      process.kill(pid, s);
    } catch {
      // already gone
    }
  };
  send(signal);
  const deadline = Date.now() + ms;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (!isAlive(pid)) return;
  send(signal === "SIGINT" ? "SIGQUIT" : "SIGKILL");
  const last = Date.now() + 1_000;
  while (isAlive(pid) && Date.now() < last) await new Promise((r) => setTimeout(r, 50));
}
