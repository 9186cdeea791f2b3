"use client";

import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatBytes } from "@/lib/format";
import { bucketLabel } from "./growth-chart";
import { AXIS, GRID } from "./series-colors";

const LINE = "#4f6bed";

/** Bytes the store holds at the end of each bucket (event data and metadata, from the rollups). */
export function StorageChart({ rows, bucket }: { rows: { start: string; bytes: number }[]; bucket: "hour" | "day" }) {
  return (
    <div className="chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={200} initialDimension={{ width: 800, height: 200 }}>
        <AreaChart accessibilityLayer={false} data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
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
          <YAxis tickFormatter={(v: number) => formatBytes(v)} tick={{ fill: AXIS, fontSize: 12 }} tickLine={false} axisLine={false} width={64} domain={["auto", "auto"]} />
          <Tooltip formatter={(value) => [formatBytes(Number(value)), "stored"]} labelFormatter={(label) => `end of ${bucketLabel(String(label), bucket)} (UTC)`} />
          <Area type="monotone" dataKey="bytes" stroke={LINE} fill={LINE} fillOpacity={0.12} strokeWidth={2} isAnimationActive={false} />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
