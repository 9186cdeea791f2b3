import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { ClusterError, importantLines } from "./cluster-error";
import type { PgBinaries } from "./pg-binaries";
import type { Owner } from "./system-user";
import { childEnv } from "../env";

export type InitClusterOptions = { bin: PgBinaries; dir: string; owner: Owner | null; user: string; password: string };

/**
 * Runs initdb into a scratch folder next to `dir` and renames it into place only when initdb
 * succeeded, so a failed first start (full disk, permissions) never leaves a half-made data dir.
 */
export async function initCluster(opts: InitClusterOptions): Promise<void> {
  const scratch = `${opts.dir}.init-${randomBytes(4).toString("hex")}`;
  fs.mkdirSync(scratch, { recursive: true, mode: 0o700 });
  const pwfile = path.join(os.tmpdir(), `hindsight-pw-${randomBytes(6).toString("hex")}`);
  fs.writeFileSync(pwfile, `${opts.password}\n`, { mode: 0o600 });
  try {
    if (opts.owner) {
      fs.chownSync(scratch, opts.owner.uid, opts.owner.gid);
      fs.chownSync(pwfile, opts.owner.uid, opts.owner.gid);
    }
    const args = [`--pgdata=${scratch}`, "--auth=password", `--username=${opts.user}`, `--pwfile=${pwfile}`, "--encoding=UTF8", "--locale=C", "--lc-messages=C"];
    const ids = opts.owner ? { uid: opts.owner.uid, gid: opts.owner.gid } : {};
    const output: string[] = [];
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(opts.bin.initdb, args, { ...ids, env: childEnv({ LC_ALL: "C" }), stdio: ["ignore", "pipe", "pipe"] });
      const collect = (d: Buffer) => output.push(...d.toString().split("\n").filter(Boolean));
      child.stdout.on("data", collect);
      child.stderr.on("data", collect);
      child.once("error", reject);
      child.once("close", resolve);
    });
    if (code !== 0) {
      const shown = importantLines(output).slice(-3);
      const why = /No space left on device/i.test(output.join("\n")) ? "the disk is full (No space left on device)" : (shown.length ? shown : output.slice(-3)).join(" | ");
      throw new ClusterError(`initdb could not create the database in ${opts.dir}: ${why}`);
    }
    fs.renameSync(scratch, opts.dir);
  } catch (e) {
    fs.rmSync(scratch, { recursive: true, force: true });
    if ((e as NodeJS.ErrnoException).code === "ENOSPC") throw new ClusterError(`the disk holding ${path.dirname(opts.dir)} is full: free some space and start again`);
    throw e;
  } finally {
    fs.rmSync(pwfile, { force: true });
  }
}
