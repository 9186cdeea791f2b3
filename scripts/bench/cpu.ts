import fs from "node:fs";

/**
 * CPU time, read from /proc. Wall-clock rates move with whatever else the machine is doing;
 * CPU per event hardly does, so on/off comparisons and profiling lean on it. Linux only:
 * elsewhere every reading is undefined and the bench reports wall-clock figures alone.
 */

const TICK_MS = 10; // USER_HZ is 100 on every Linux the bench targets (getconf CLK_TCK)

type Proc = { pid: number; ppid: number; ms: number };

function readProcs(): Proc[] {
  const out: Proc[] = [];
  let entries: string[];
  try {
    entries = fs.readdirSync("/proc");
  } catch {
    return out;
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The command name may contain spaces and parentheses: fields start after the last ") ".
      const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(") ") + 2).split(" ");
      // utime, stime, and the reaped children's cutime, cstime (fields 14–17 of stat)
      const ticks = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
      out.push({ pid: Number(name), ppid: Number(f[1]), ms: ticks * TICK_MS });
    } catch {
      // the process ended between readdir and read
    }
  }
  return out;
}

/** CPU milliseconds used so far by `root` and all its descendants, or undefined without /proc. */
export function treeCpuMs(root: number | undefined): number | undefined {
  if (!root) return undefined;
  const procs = readProcs();
  if (!procs.some((p) => p.pid === root)) return undefined;
  const children = new Map<number, Proc[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  let total = 0;
  const stack = procs.filter((p) => p.pid === root);
  while (stack.length) {
    const p = stack.pop()!;
    total += p.ms;
    stack.push(...(children.get(p.pid) ?? []));
  }
  return total;
}

/** The postmaster's pid from a data directory, if it is running there. */
export function postmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(`${dataDir}/postmaster.pid`, "utf8").split("\n")[0]);
    return Number.isFinite(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export type CpuSample = { client: number; postgres?: number; server?: number };

/** CPU used per 1000 events between two samples, per part. */
export type CpuPer1k = { clientMs: number; postgresMs?: number; serverMs?: number };

/** Samples this process, the bench's PostgreSQL (BENCH_PG_PID) and optionally a server process tree. */
export function sampleCpu(serverPid?: number): CpuSample {
  const u = process.cpuUsage();
  const pgPid = Number(process.env.BENCH_PG_PID) || undefined;
  return { client: (u.user + u.system) / 1000, postgres: treeCpuMs(pgPid), server: treeCpuMs(serverPid) };
}

export function cpuPer1k(a: CpuSample, b: CpuSample, events: number): CpuPer1k | undefined {
  if (events <= 0) return undefined;
  const per = (x?: number, y?: number) => (x === undefined || y === undefined ? undefined : Math.round(((y - x) / events) * 1000 * 100) / 100);
  return { clientMs: per(a.client, b.client)!, postgresMs: per(a.postgres, b.postgres), serverMs: per(a.server, b.server) };
}
