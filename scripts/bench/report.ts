import type { RunResult } from "./stats";
import type { StoreBytes } from "./store-bytes";
import { round } from "./stats";

export type System = "hindsight" | "emmett";

export type Sizes = Record<System, { events: number; totalBytes: number; bytesPerEvent: number }>;

/** What Hindsight must reach; minRatio is its events/s over the peer's in the same run (issue 17's "side by side"). */
export type Target = { minEventsPerSecond?: number; maxP95Ms?: number; maxP50Ms?: number; minRatio?: number };

/** One workload run by one system. */
export type Measurement = {
  id: string;
  workload: string;
  system: System;
  params: string;
  /** The fastest run (what the tables show). */
  result?: RunResult;
  /** Every run, in the order they ran. */
  runs?: RunResult[];
  skipped?: string;
  target?: Target;
};

/** One Hindsight feature priced by running the same workload with it on and off. */
export type FeatureCost = {
  feature: string;
  workload: string;
  /** Exactly what differed between the two runs. */
  off: string;
  on?: RunResult;
  offResult?: RunResult;
  /** Every run of each side (the table shows each side's fastest). */
  runs?: { on: RunResult[]; off: RunResult[] };
  skipped?: string;
};

/** Total CPU per 1000 events over the parts that were measured, or undefined. */
export function totalCpu(r?: RunResult): number | undefined {
  const c = r?.cpuPer1k;
  if (!c) return undefined;
  return Math.round((c.clientMs + (c.postgresMs ?? 0) + (c.serverMs ?? 0)) * 10) / 10;
}

/** "client+postgres[+server]" CPU ms per 1000 events, as measured. */
function cpuText(r?: RunResult): string {
  const c = r?.cpuPer1k;
  if (!c) return "";
  return [c.clientMs, c.postgresMs, c.serverMs].filter((x) => x !== undefined).map((x) => x!.toFixed(1)).join("+");
}

/** Whether a measurement meets its target; a ratio target is judged against the peer's run of the same workload among `all`. */
export function meetsTarget(m: Measurement, all: Measurement[]): boolean | undefined {
  if (!m.target || !m.result) return undefined;
  const r = m.result;
  if (m.target.minRatio !== undefined) {
    const peer = all.find((p) => p.id === m.id && p.system !== m.system)?.result;
    if (!peer || peer.eventsPerSecond <= 0 || r.eventsPerSecond / peer.eventsPerSecond < m.target.minRatio) return false;
  }
  if (m.target.minEventsPerSecond !== undefined && r.eventsPerSecond < m.target.minEventsPerSecond) return false;
  if (m.target.maxP95Ms !== undefined && (r.latencyMs?.p95 ?? Infinity) > m.target.maxP95Ms) return false;
  if (m.target.maxP50Ms !== undefined && (r.latencyMs?.p50 ?? Infinity) > m.target.maxP50Ms) return false;
  return r.errors === 0;
}

function targetText(t?: Target): string {
  if (!t) return "";
  const parts: string[] = [];
  if (t.minEventsPerSecond !== undefined) parts.push(`>= ${fmtInt(t.minEventsPerSecond)}/s`);
  if (t.maxP95Ms !== undefined) parts.push(`p95 <= ${t.maxP95Ms} ms`);
  if (t.maxP50Ms !== undefined) parts.push(`median <= ${t.maxP50Ms} ms`);
  if (t.minRatio !== undefined) parts.push(`>= ${t.minRatio.toFixed(1)}x emmett`);
  return parts.join(", ");
}

export function fmtInt(n: number): string {
  return Math.round(n).toLocaleString("en-US").replace(/,/g, " ");
}

const ms = (n?: number) => (n === undefined || Number.isNaN(n) ? "" : n < 10 ? n.toFixed(2) : n.toFixed(1));

/** Fixed-width text table: numbers right-aligned, text left-aligned. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const numeric = (s: string) => /^[-\d .,x%+]+$/.test(s) && s.trim() !== "";
  const line = (r: string[]) => r.map((c, i) => (numeric(c) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

export function measurementTable(ms_: Measurement[]): string {
  const rows = ms_.map((m) => {
    const r = m.result;
    const ok = meetsTarget(m, ms_);
    if (!r) return [m.workload, m.system, m.params, "", "", "", "", "", "", "", "", targetText(m.target), `skipped: ${m.skipped ?? "?"}`];
    return [
      m.workload,
      m.system,
      m.params,
      fmtInt(r.events),
      r.seconds.toFixed(2),
      fmtInt(r.eventsPerSecond),
      ms(r.latencyMs?.p50),
      ms(r.latencyMs?.p95),
      ms(r.latencyMs?.p99),
      r.errors ? String(r.errors) : "0",
      cpuText(r),
      targetText(m.target),
      ok === undefined ? "" : ok ? "met" : "MISSED",
    ];
  });
  return table(["workload", "system", "params", "events", "seconds", "events/s", "p50 ms", "p95 ms", "p99 ms", "errors", "CPU ms/1k ev", "target", ""], rows);
}

export type Ratio = { id: string; workload: string; throughput?: number; p95?: number; cpu?: number };

/** Hindsight / peer per workload: >1 throughput means Hindsight is faster; >1 p95 means slower. */
export function ratios(ms_: Measurement[]): Ratio[] {
  const ids = [...new Set(ms_.map((m) => m.id))];
  return ids.flatMap((id) => {
    const hs = ms_.find((m) => m.id === id && m.system === "hindsight")?.result;
    const em = ms_.find((m) => m.id === id && m.system === "emmett")?.result;
    const workload = ms_.find((m) => m.id === id)!.workload;
    if (!hs || !em) return [];
    return [{
      id,
      workload,
      throughput: em.eventsPerSecond > 0 ? round(hs.eventsPerSecond / em.eventsPerSecond) : undefined,
      p95: hs.latencyMs && em.latencyMs && em.latencyMs.p95 > 0 ? round(hs.latencyMs.p95 / em.latencyMs.p95) : undefined,
      cpu: totalCpu(hs) !== undefined && totalCpu(em) ? round(totalCpu(hs)! / totalCpu(em)!) : undefined,
    }];
  });
}

export function ratioTable(rs: Ratio[]): string {
  return table(
    ["workload", "events/s hindsight/emmett", "p95 hindsight/emmett", "CPU per event hindsight/emmett"],
    rs.map((r) => [r.workload, ...[r.throughput, r.p95, r.cpu].map((x) => (x === undefined ? "" : `${x.toFixed(2)}x`))]),
  );
}

export function featureTable(fs: FeatureCost[]): string {
  const pct = (a?: number, b?: number) => (a === undefined || b === undefined || b === 0 ? "" : `${a / b - 1 >= 0 ? "+" : ""}${((a / b - 1) * 100).toFixed(1)}%`);
  const rows = fs.map((f) => {
    if (!f.on || !f.offResult) return [f.feature, f.workload, "", "", "", "", "", "", "", `skipped: ${f.skipped ?? "?"}`];
    return [
      f.feature,
      f.workload,
      fmtInt(f.on.eventsPerSecond),
      fmtInt(f.offResult.eventsPerSecond),
      pct(f.on.eventsPerSecond, f.offResult.eventsPerSecond),
      ms(f.on.latencyMs?.p95),
      ms(f.offResult.latencyMs?.p95),
      totalCpu(f.on) === undefined ? "" : `${totalCpu(f.on)!.toFixed(1)}/${totalCpu(f.offResult)!.toFixed(1)}`,
      pct(totalCpu(f.on), totalCpu(f.offResult)),
      f.off,
    ];
  });
  return table(["feature", "workload", "on ev/s", "off ev/s", "ev/s on vs off", "on p95 ms", "off p95 ms", "CPU ms/1k on/off", "CPU on vs off", "off = "], rows);
}

/** Prints the run: setup, the comparison, the ratios, notes and the feature costs. */
export function printReport(r: { measurements: Measurement[]; features: FeatureCost[]; sizes: Sizes; bytes?: StoreBytes; bytesRatio?: { hindsightOverEmmett: number; target: number }; machine: object; postgres: object; notes: string[] }): void {
  const out = [
    "",
    `Hindsight foundation bench — ${JSON.stringify(r.machine)}`,
    `PostgreSQL: ${JSON.stringify(r.postgres)}`,
    `Stores: hindsight ${r.sizes.hindsight.events} events, ${(r.sizes.hindsight.totalBytes / 2 ** 20).toFixed(0)} MiB (${r.sizes.hindsight.bytesPerEvent} B/event incl. indexes); ` +
      `emmett ${r.sizes.emmett.events} events, ${(r.sizes.emmett.totalBytes / 2 ** 20).toFixed(0)} MiB (${r.sizes.emmett.bytesPerEvent} B/event)`,
    ...(r.bytesRatio ? [`Bytes per event: hindsight/emmett ${r.bytesRatio.hindsightOverEmmett.toFixed(2)}x (target <= ${r.bytesRatio.target}x: ${r.bytesRatio.hindsightOverEmmett <= r.bytesRatio.target ? "met" : "MISSED"})`] : []),
    ...(r.bytes ? ["", bytesTable(r.bytes)] : []),
    "",
    measurementTable(r.measurements),
    "CPU ms/1k ev = CPU milliseconds per 1000 events: calling process + PostgreSQL (all its processes) [+ HTTP server]; for HTTP the calling process is the load generator.",
    "",
    ratioTable(ratios(r.measurements)),
  ];
  const notes = r.measurements.filter((m) => m.result?.notes).map((m) => `  ${m.workload} / ${m.system}: ${m.result!.notes!.join("; ")}`);
  if (notes.length) out.push("", "Run notes:", ...notes);
  if (r.features.length) out.push("", "Hindsight features, on vs off (the peer has none of these):", featureTable(r.features));
  const missed = r.measurements.filter((m) => meetsTarget(m, r.measurements) === false);
  out.push("", ...r.notes.map((n) => `* ${n}`));
  out.push("", missed.length ? `Targets missed: ${missed.map((m) => m.workload).join("; ")}` : "All Hindsight targets met.");
  console.log(out.join("\n"));
}

/** Hindsight's bytes per event, by index and by column. */
export function bytesTable(b: StoreBytes): string {
  const rows = [
    ["heap (with TOAST)", b.heap.toFixed(1)],
    ...Object.entries(b.indexes).map(([k, v]) => [`index ${k}`, v.toFixed(1)]),
    ["total", b.total.toFixed(1)],
    ...Object.entries(b.columns).map(([k, v]) => [`  column ${k} (avg, in the heap)`, v.toFixed(1)]),
  ];
  return table(["hindsight events: part", "bytes/event"], rows);
}
