"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount, formatDay, formatInteger } from "@/lib/format";

export type DayCount = { day: string; count: number };

// SVG fills do not reliably resolve CSS variables, so the chart's colours live here.
const BAR = "#4f6bed";
const GRID = "#e6e9ef";
const AXIS = "#6b7385";

/** Events per UTC day as bars; the caller gives the text summary that screen readers get. */
export function EventsPerDayChart({ data }: { data: DayCount[] }) {
  return (
    <div className="chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={240} initialDimension={{ width: 800, height: 240 }}>
        <BarChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} barCategoryGap={1}>
          <CartesianGrid vertical={false} stroke={GRID} />
          <XAxis
            dataKey="day"
            tickFormatter={formatDay}
            tick={{ fill: AXIS, fontSize: 12 }}
            tickLine={false}
            axisLine={{ stroke: GRID }}
            interval="preserveStartEnd"
            minTickGap={24}
          />
          <YAxis
            tickFormatter={(v: number) => formatCount(v)}
            tick={{ fill: AXIS, fontSize: 12 }}
            tickLine={false}
            axisLine={false}
            width={48}
            allowDecimals={false}
          />
          <Tooltip
            cursor={{ fill: "rgba(79, 107, 237, 0.08)" }}
            formatter={(value) => [`${formatInteger(Number(value))} events`, null]}
            labelFormatter={(label) => `${formatDay(String(label))} (UTC)`}
            separator=""
          />
          <Bar dataKey="count" fill={BAR} radius={[2, 2, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
