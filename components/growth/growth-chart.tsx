"use client";

import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Rectangle, ResponsiveContainer, Tooltip, XAxis, YAxis, type BarShapeProps } from "recharts";
import { formatBytes, formatCount, formatInteger } from "@/lib/format";
import type { SeriesRow } from "@/lib/growth/growth-series";
import { OTHER_KEY } from "@/lib/category-palette";
import { useCategoryColor } from "../ui/category-colors";
import { ChartLegend } from "../ui/chart-legend";
import { AXIS, GRID, seriesColor } from "./series-colors";
import { streamsOfBucketHref } from "./streams-of-bucket";

export type GrowthChartProps = {
  rows: SeriesRow[];
  keys: string[];
  unit: "events" | "bytes";
  bucket: "hour" | "day";
  by: "category" | "type";
  /** The bucket starts to label; the spike is always among them. */
  ticks?: string[];
  /** The busiest bucket: its label is drawn bold. */
  marked?: string | null;
};

/** "26 Nov" for day buckets, "26 Nov 14:00" for hours (starts are UTC). */
export function bucketLabel(start: string, bucket: "hour" | "day"): string {
  const d = new Date(start);
  const date = d.toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
  return bucket === "day" ? date : `${date} ${start.slice(11, 16)}`;
}

type TickProps = { x?: number | string; y?: number | string; payload?: { value: string } };

/** An axis label; the spike's is bold and marked, so it reads without hovering. */
function renderTick({ x = 0, y = 0, payload }: TickProps, bucket: "hour" | "day", marked: string | null | undefined) {
  const value = payload?.value ?? "";
  const spike = value === marked;
  return (
    <text x={Number(x)} y={Number(y) + 12} textAnchor="middle" fill={spike ? "#1f2430" : AXIS} fontSize={12} fontWeight={spike ? 700 : 400} data-spike={spike ? "true" : undefined}>
      {bucketLabel(value, bucket)}
      {spike ? " ▲" : ""}
    </text>
  );
}

/**
 * Events or bytes per bucket, stacked by category or type; a bar opens the streams of its
 * category (or type) and day. The page gives the text summary and links screen readers get.
 */
export function GrowthChart({ rows, keys, unit, bucket, by, ticks, marked }: GrowthChartProps) {
  const router = useRouter();
  const categoryColor = useCategoryColor();
  const format = unit === "bytes" ? formatBytes : formatCount;
  const exact = unit === "bytes" ? (v: number) => formatBytes(v) : (v: number) => `${formatInteger(v)} events`;
  const color = (k: string, i: number) => (by === "category" ? categoryColor(k) : seriesColor(k, i));
  return (
    <>
      <div className="chart" aria-hidden="true">
        <ResponsiveContainer width="100%" height={260} initialDimension={{ width: 800, height: 260 }}>
          <BarChart accessibilityLayer={false} data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} barCategoryGap={bucket === "hour" ? 0 : 1}>
            <CartesianGrid vertical={false} stroke={GRID} />
            <XAxis
              dataKey="start"
              tick={(props: TickProps) => renderTick(props, bucket, marked)}
              tickLine={false}
              axisLine={{ stroke: GRID }}
              {...(ticks ? { ticks, interval: 0 } : { interval: "preserveStartEnd" as const, minTickGap: 32 })}
            />
            <YAxis tickFormatter={(v: number) => format(v)} tick={{ fill: AXIS, fontSize: 12 }} tickLine={false} axisLine={false} width={56} allowDecimals={false} />
            <Tooltip
              cursor={{ fill: "rgba(79, 107, 237, 0.08)" }}
              formatter={(value, name) => [exact(Number(value)), name]}
              labelFormatter={(label) => `${bucketLabel(String(label), bucket)} (UTC) · click a bar for its streams`}
            />
            {keys.map((k, i) => (
              <Bar
                key={k}
                dataKey={k}
                stackId="growth"
                fill={color(k, i)}
                isAnimationActive={false}
                cursor={k === OTHER_KEY ? undefined : "pointer"}
                shape={(props: BarShapeProps) => (
                  <g data-bar={`${k} ${(props.payload as SeriesRow).start}`}>
                    <Rectangle {...props} />
                  </g>
                )}
                onClick={(item) => {
                  const start = (item.payload as SeriesRow | undefined)?.start;
                  if (start && k !== OTHER_KEY) router.push(streamsOfBucketHref(by, k, start));
                }}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <ChartLegend items={keys.map((k, i) => ({ key: k, name: k, color: color(k, i) }))} />
    </>
  );
}
