import "server-only";
import { z } from "zod";
import { formatCount } from "../../format";
import { defineRuleKind } from "../rule-kind";
import { getSameHourVolumes } from "./same-hour-volumes";

const params = z
  .object({
    scope: z.enum(["all", "category", "type"]).default("category"),
    target: z.string().trim().max(200).optional().transform((v) => v || undefined),
    hours: z.coerce.number().int().min(1, "At least 1 hour").max(24, "At most 24 hours").default(1),
    weeks: z.coerce.number().int().min(1, "At least 1 week").max(12, "At most 12 weeks"),
    ratio: z.coerce.number().min(1.1, "At least 1.1× the usual volume").max(1000),
    minEvents: z.coerce.number().int().min(0),
  })
  .refine((p) => p.scope === "all" || p.target, { message: "Name the category or event type", path: ["target"] });

type Params = z.infer<typeof params>;

const HOUR_MS = 3_600_000;

/**
 * The last complete hour (or hours) against the same hours of the previous weeks (same weekday
 * and hour, so daily and weekly rhythms cancel out), from the hourly rollups only.
 */
export const volumeAnomaly = defineRuleKind<Params>({
  kind: "volume_anomaly",
  label: "Volume anomaly (vs. same hour of previous weeks)",
  description:
    "Compares the last complete hour (or hours) with the same hours of the same weekday in the previous weeks; fires when the volume is at least the given ratio above their average (and above a floor of events).",
  fields: [
    {
      name: "scope",
      label: "Watch",
      type: "select",
      options: [
        { value: "category", label: "a category" },
        { value: "type", label: "an event type" },
        { value: "all", label: "the whole store" },
      ],
      default: "category",
    },
    { name: "target", label: "Category or type", type: "text", optional: true, example: "category", help: "Not needed for the whole store." },
    { name: "hours", label: "Over the last", type: "number", min: 1, max: 24, step: 1, unit: "complete hours", default: 1, help: "More hours smooth out small volumes." },
    { name: "weeks", label: "Compare with the previous", type: "number", min: 1, max: 12, step: 1, unit: "weeks", default: 4 },
    { name: "ratio", label: "Fire at", type: "number", min: 1.1, step: 0.1, unit: "× the usual volume", default: 3 },
    { name: "minEvents", label: "Only above", type: "number", min: 0, step: 1, unit: "events in those hours", default: 100 },
  ],
  params,
  describe: (p) => `${p.scope === "all" ? "the store" : p.target}: ≥ ${p.ratio}× the same ${p.hours === 1 ? "hour" : `${p.hours} hours`} of the last ${p.weeks} weeks`,
  async evaluate({ db, now, params: p }) {
    const hour = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS - p.hours * HOUR_MS);
    const v = await getSameHourVolumes(db, { hour, hours: p.hours, weeks: p.weeks, scope: p.scope, target: p.target ?? "" });
    // No earlier weeks in the store yet: nothing to compare with, so no verdict.
    if (v.weeksUsed === 0 || v.observed < p.minEvents) return [];
    const ratio = v.expected > 0 ? v.observed / v.expected : Infinity;
    if (ratio < p.ratio) return [];
    const label = p.scope === "all" ? "store" : p.target!;
    const expected = Math.round(v.expected);
    return [
      {
        key: `${p.scope}:${p.target ?? "*"}`,
        summary: `${label}: ${formatCount(v.observed)} events in the ${p.hours === 1 ? "hour" : `${p.hours} hours`} from ${hour.toISOString().slice(11, 16)} UTC, expected ~${formatCount(expected)} (${Number.isFinite(ratio) ? `${ratio.toFixed(1)}×` : "none before"})`,
        details: {
          hour: hour.toISOString(),
          hours: p.hours,
          observed: v.observed,
          expected,
          weeksUsed: v.weeksUsed,
          weekly: v.weekly,
          ratio: Number.isFinite(ratio) ? Math.round(ratio * 100) / 100 : null,
          threshold: p.ratio,
        },
        category: p.scope === "category" ? p.target : undefined,
        href: `/growth?days=7&by=${p.scope === "type" ? "type" : "category"}`,
      },
    ];
  },
});
