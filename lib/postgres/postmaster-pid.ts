import fs from "node:fs";
import path from "node:path";

export type PostmasterPid = { pid: number; port: number; status: string };

/** Reads PGDATA/postmaster.pid: line 1 the pid, line 4 the port, line 8 the status ("starting", "ready", "stopping"). */
export function readPostmasterPid(dataDir: string): PostmasterPid | null {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8");
  } catch {
    return null;
  }
  const lines = text.split("\n");
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  return { pid, port: Number(lines[3]), status: (lines[7] ?? "").trim() };
}

/** Whether a process with this pid exists (any owner). */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The command line of a live process ("" when it is gone or unreadable). */
export function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
  } catch {
    return "";
  }
}

/** The live postmaster serving this data directory, or null (a stale pid file is not one). */
export function livePostmaster(dataDir: string): PostmasterPid | null {
  const info = readPostmasterPid(dataDir);
  if (!info || !isAlive(info.pid)) return null;
  return /postgres/.test(commandLine(info.pid)) ? info : null;
}
