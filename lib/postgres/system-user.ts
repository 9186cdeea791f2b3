import { spawnSync } from "node:child_process";
import { ClusterError } from "./cluster-error";

export type Owner = { uid: number; gid: number };

/** As root, the `postgres` system user PostgreSQL runs as (created when missing); null when we are not root. */
export function postgresOwner(): Owner | null {
  if (process.getuid?.() !== 0) return null;
  let ids = lookup();
  if (!ids) {
    spawnSync("groupadd", ["--system", "postgres"], { stdio: "ignore" });
    const made = spawnSync("useradd", ["--system", "--gid", "postgres", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"], { encoding: "utf8" });
    ids = lookup();
    if (!ids) throw new ClusterError(`PostgreSQL cannot run as root and the "postgres" user could not be created (${(made.stderr || made.error?.message || "useradd failed").trim()}): create it with "useradd --system postgres"`);
  }
  return ids;
}

function lookup(): Owner | null {
  const uid = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
  const gid = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
  if (uid.status !== 0 || gid.status !== 0) return null;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Whether `owner` can do `test <flag> <target>` (e.g. -x on a folder to pass through it, -w to write). */
export function ownerCan(owner: Owner | null, flag: "-x" | "-w" | "-r", target: string): boolean {
  if (!owner) return true;
  return spawnSync("test", [flag, target], { uid: owner.uid, gid: owner.gid, stdio: "ignore" }).status === 0;
}
