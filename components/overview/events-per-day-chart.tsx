"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount, formatDay, formatInteger } from "@/lib/format";
import { axisTicks } from "@/lib/growth/growth-summary";

export type DayCount = { day: string; count: number };

// SVG fills do not reliably resolve CSS variables, so the chart's colours live here.
const BAR = "#4f6bed";
const GRID = "#e6e9ef";
const AXIS = "#6b7385";

type TickProps = { x?: number | string; y?: number | string; payload?: { value: string } };

/** A day label; the busiest day's is bold and marked, so the spike is named on the axis. */
function renderTick({ x = 0, y = 0, payload }: TickProps, marked: string | null) {
  const day = payload?.value ?? "";
  const spike = day === marked;
  return (
    <text x={Number(x)} y={Number(y) + 12} textAnchor="middle" fill={spike ? "#1f2430" : AXIS} fontSize={12} fontWeight={spike ? 700 : 400} data-spike={spike ? "true" : undefined}>
      {formatDay(day)}
      {spike ? " ▲" : ""}
    </text>
  );
}

/** Events per UTC day as bars, the busiest day labelled; the caller gives the text summary that screen readers get. */
export function EventsPerDayChart({ data, marked = null }: { data: DayCount[]; marked?: string | null }) {
  const ticks = axisTicks(data.map((d) => d.day), marked, 12);
  return (
    <div className="chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={240} initialDimension={{ width: 800, height: 240 }}>
        <BarChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} barCategoryGap={1}>
          <CartesianGrid vertical={false} stroke={GRID} />
          <XAxis
            dataKey="day"
            ticks={ticks}
            interval={0}
            tick={(props: TickProps) => renderTick(props, marked)}
            tickLine={false}
            axisLine={{ stroke: GRID }}
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
