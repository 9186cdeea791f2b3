"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatBytes, formatCount, formatInteger } from "@/lib/format";
import type { SeriesRow } from "@/lib/growth/growth-series";
import { AXIS, GRID, seriesColor } from "./series-colors";

export type GrowthChartProps = {
  rows: SeriesRow[];
  keys: string[];
  unit: "events" | "bytes";
  bucket: "hour" | "day";
};

/** "26 Nov" for day buckets, "26 Nov 14:00" for hours (starts are UTC). */
export function bucketLabel(start: string, bucket: "hour" | "day"): string {
  const d = new Date(start);
  const date = d.toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
  return bucket === "day" ? date : `${date} ${start.slice(11, 16)}`;
}

/** Events or bytes per bucket, stacked by category or type; the page gives the text summary screen readers get. */
export function GrowthChart({ rows, keys, unit, bucket }: GrowthChartProps) {
  const format = unit === "bytes" ? formatBytes : formatCount;
  const exact = unit === "bytes" ? (v: number) => formatBytes(v) : (v: number) => `${formatInteger(v)} events`;
  return (
    <div className="chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={260} initialDimension={{ width: 800, height: 260 }}>
        <BarChart accessibilityLayer={false} data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} barCategoryGap={bucket === "hour" ? 0 : 1}>
          <CartesianGrid vertical={false} stroke={GRID} />
          <XAxis
            dataKey="start"
            tickFormatter={(s: string) => bucketLabel(s, bucket)}
            tick={{ fill: AXIS, fontSize: 12 }}
            tickLine={false}
            axisLine={{ stroke: GRID }}
            interval="preserveStartEnd"
            minTickGap={32}
          />
          <YAxis tickFormatter={(v: number) => format(v)} tick={{ fill: AXIS, fontSize: 12 }} tickLine={false} axisLine={false} width={56} allowDecimals={false} />
          <Tooltip
            cursor={{ fill: "rgba(79, 107, 237, 0.08)" }}
            formatter={(value, name) => [exact(Number(value)), name]}
            labelFormatter={(label) => `${bucketLabel(String(label), bucket)} (UTC)`}
          />
          <Legend iconType="square" iconSize={10} wrapperStyle={{ fontSize: 12.5 }} />
          {keys.map((k, i) => (
            <Bar key={k} dataKey={k} stackId="growth" fill={seriesColor(k, i)} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
