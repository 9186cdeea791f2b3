"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount, formatInteger } from "@/lib/format";
import { REFUSAL_LABELS } from "@/lib/causation/refusal-series";
import { bucketLabel } from "../growth/growth-chart";
import { AXIS, GRID } from "../growth/series-colors";
import { ChartLegend } from "../ui/chart-legend";

const COLORS: Record<string, string> = {
  causation_depth_exceeded: "#c8322f",
  correlation_limit_exceeded: "#e8864a",
  idempotent_replay: "#4f6bed",
  duplicate_event_id: "#8a6fdf",
  idempotency_conflict: "#c2478f",
  version_conflict: "#a7adba",
  subject_erased: "#2ea58a",
};

export type RefusalRow = { start: string } & Record<string, number | string>;

/** Refused appends and refused duplicates per bucket, stacked by reason; the page gives the text summary. */
export function RefusalsChart({ rows, reasons, bucket }: { rows: RefusalRow[]; reasons: string[]; bucket: "hour" | "day" }) {
  const label = (s: string) => bucketLabel(s, bucket);
  const color = (r: string) => COLORS[r] ?? "#6b7385";
  return (
    <>
      <div className="chart" aria-hidden="true">
        <ResponsiveContainer width="100%" height={240} initialDimension={{ width: 800, height: 240 }}>
          <BarChart accessibilityLayer={false} data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} barCategoryGap={0}>
            <CartesianGrid vertical={false} stroke={GRID} />
            <XAxis dataKey="start" tickFormatter={label} tick={{ fill: AXIS, fontSize: 12 }} tickLine={false} axisLine={{ stroke: GRID }} interval="preserveStartEnd" minTickGap={32} />
            <YAxis tickFormatter={(v: number) => formatCount(v)} tick={{ fill: AXIS, fontSize: 12 }} tickLine={false} axisLine={false} width={48} allowDecimals={false} />
            <Tooltip formatter={(value, name) => [formatInteger(Number(value)), name]} labelFormatter={(l) => `${label(String(l))} (UTC)`} />
            {reasons.map((r) => (
              <Bar key={r} dataKey={r} name={REFUSAL_LABELS[r] ?? r} stackId="refusals" fill={color(r)} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <ChartLegend items={reasons.map((r) => ({ key: r, name: REFUSAL_LABELS[r] ?? r, color: color(r) }))} />
    </>
  );
}
