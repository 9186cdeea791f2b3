"use client";

import { Area, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatBytes, formatCount } from "@/lib/format";
import type { Forecast } from "@/lib/growth/forecast";
import { bucketLabel } from "./growth-chart";
import { AXIS, GRID } from "./series-colors";

const LINE = "#4f6bed";
const FORECAST = "#e8864a";

/** What the store holds day by day (solid) and where the fitted trend takes it (dashed). */
export function ForecastChart({ rows, metric }: { rows: Forecast["rows"]; metric: "events" | "bytes" }) {
  const format = metric === "bytes" ? formatBytes : formatCount;
  const forecastKey = metric === "bytes" ? "bytesForecast" : "eventsForecast";
  return (
    <div className="chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={220} initialDimension={{ width: 600, height: 220 }}>
        <ComposedChart accessibilityLayer={false} data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke={GRID} />
          <XAxis
            dataKey="day"
            tickFormatter={(d: string) => bucketLabel(`${d}T00:00:00Z`, "day")}
            tick={{ fill: AXIS, fontSize: 12 }}
            tickLine={false}
            axisLine={{ stroke: GRID }}
            interval="preserveStartEnd"
            minTickGap={32}
          />
          <YAxis tickFormatter={(v: number) => format(v)} tick={{ fill: AXIS, fontSize: 12 }} tickLine={false} axisLine={false} width={64} domain={["auto", "auto"]} />
          <Tooltip
            formatter={(value, name) => [format(Number(value)), name === forecastKey ? "forecast" : "stored"]}
            labelFormatter={(label) => `end of ${bucketLabel(`${String(label)}T00:00:00Z`, "day")} (UTC)`}
          />
          <Area type="monotone" dataKey={metric} stroke={LINE} fill={LINE} fillOpacity={0.12} strokeWidth={2} isAnimationActive={false} connectNulls={false} />
          <Line type="monotone" dataKey={forecastKey} stroke={FORECAST} strokeWidth={2} strokeDasharray="6 4" dot={false} isAnimationActive={false} connectNulls={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
