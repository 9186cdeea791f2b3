import fs from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { ClusterError } from "../../lib/postgres/cluster-error";
import { ownerCan, postgresOwner, type Owner } from "../../lib/postgres/system-user";

/** Where root keeps PostgreSQL data the `postgres` user could not reach inside the checkout. */
export const SYSTEM_DATA_ROOT = process.env.HINDSIGHT_SYSTEM_DIR ?? "/var/lib/hindsight";

type Recorded = { pgDir: string; dataDir: string };

/**
 * The embedded PostgreSQL's data directory. Normally `<dataDir>/pg`. As root in a private checkout
 * (a 0700 home) the `postgres` user cannot reach it: then the data lives in a 0700 folder owned by
 * `postgres` under /var/lib/hindsight/<hash of the data dir>, recorded in `<dataDir>/pg-location.json`.
 * An existing `<dataDir>/pg` (an earlier release) is used where it is, or moved there.
 */
export function resolvePgDir(dataDir: string, log: (line: string) => void): string {
  const inside = path.join(dataDir, "pg");
  const recordFile = path.join(dataDir, "pg-location.json");
  const recorded = readRecord(recordFile);
  const owner = postgresOwner();
  if (recorded && fs.existsSync(path.join(recorded.pgDir, "PG_VERSION")) && !fs.existsSync(path.join(inside, "PG_VERSION"))) return recorded.pgDir;
  if (!owner) return inside;
  fs.mkdirSync(dataDir, { recursive: true });
  if (fs.existsSync(path.join(inside, "PG_VERSION"))) {
    giveToPostgres(inside, owner, log);
    if (ownerCan(owner, "-w", inside)) return inside;
    const target = systemPgDir(dataDir, owner);
    log(`moving PostgreSQL's data from ${inside} to ${target}: the postgres user cannot reach this checkout`);
    moveTree(inside, target);
    writeRecord(recordFile, target, dataDir);
    return target;
  }
  if (ownerCan(owner, "-x", dataDir)) return inside;
  const target = systemPgDir(dataDir, owner);
  if (!recorded || recorded.pgDir !== target) log(`PostgreSQL's data goes to ${target}: the postgres user cannot reach ${dataDir} (recorded in ${recordFile})`);
  writeRecord(recordFile, target, dataDir);
  return target;
}

/** /var/lib/hindsight (root, 0755) / <hash> (postgres, 0700) / pg: survives reboots, private to postgres. */
function systemPgDir(dataDir: string, owner: Owner): string {
  const hash = createHash("sha256").update(fs.realpathSync(dataDir)).digest("hex").slice(0, 16);
  const home = path.join(SYSTEM_DATA_ROOT, hash);
  try {
    fs.mkdirSync(SYSTEM_DATA_ROOT, { recursive: true, mode: 0o755 });
    fs.chmodSync(SYSTEM_DATA_ROOT, 0o755);
    fs.mkdirSync(home, { recursive: true, mode: 0o700 });
    fs.chownSync(home, owner.uid, owner.gid);
    fs.chmodSync(home, 0o700);
  } catch (e) {
    throw new ClusterError(`cannot prepare ${home} for PostgreSQL's data (${(e as Error).message}): set HINDSIGHT_DATA_DIR to a folder every user can pass through`);
  }
  if (!ownerCan(owner, "-w", home)) throw new ClusterError(`the postgres user cannot write ${home}: make ${SYSTEM_DATA_ROOT} 0755, or set HINDSIGHT_SYSTEM_DIR to a folder it can reach`);
  return path.join(home, "pg");
}

/** A data dir unpacked or copied by root belongs to root; PostgreSQL refuses to run on it unless it owns it. */
function giveToPostgres(dir: string, owner: Owner, log: (line: string) => void): void {
  const st = fs.statSync(dir);
  if (st.uid === owner.uid && (st.mode & 0o777) === 0o700) return;
  log(`giving ${dir} to the postgres user (uid ${owner.uid})`);
  const res = spawnSync("chown", ["-R", `${owner.uid}:${owner.gid}`, dir], { encoding: "utf8" });
  if (res.status !== 0) throw new ClusterError(`cannot give ${dir} to the postgres user: ${res.stderr.trim()}`);
  fs.chmodSync(dir, 0o700);
}

function moveTree(from: string, to: string): void {
  if (fs.existsSync(to)) throw new ClusterError(`${to} already exists: move it away (or delete it) and start again`);
  try {
    fs.renameSync(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EXDEV") throw e;
    const res = spawnSync("cp", ["-a", from, to], { encoding: "utf8" });
    if (res.status !== 0) {
      fs.rmSync(to, { recursive: true, force: true });
      throw new ClusterError(`cannot copy ${from} to ${to}: ${res.stderr.trim()}`);
    }
    fs.rmSync(from, { recursive: true, force: true });
  }
}

function readRecord(file: string): Recorded | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as Recorded;
  } catch {
    return null;
  }
}

function writeRecord(file: string, pgDir: string, dataDir: string): void {
  fs.writeFileSync(file, JSON.stringify({ pgDir, dataDir: fs.realpathSync(dataDir) }, null, 2) + "\n");
}
