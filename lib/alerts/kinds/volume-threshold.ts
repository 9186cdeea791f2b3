import "server-only";
import { z } from "zod";
import { formatCount } from "../../format";
import { defineRuleKind } from "../rule-kind";
import { countEventsInWindow, formatWindow } from "./volume-window";

const params = z.object({
  scope: z.enum(["category", "type"]).default("category"),
  target: z.string().trim().min(1, "Name the category or event type").max(200),
  threshold: z.coerce.number().int("A whole number of events").min(1, "At least 1 event"),
  windowSeconds: z.coerce.number().int().min(10, "At least 10 seconds").max(86_400, "At most a day (24 h)"),
});

type Params = z.infer<typeof params>;

/** Volume above a threshold: more than N events of a category (or type) in the last window. */
export const volumeThreshold = defineRuleKind<Params>({
  kind: "volume_threshold",
  label: "Volume above a threshold",
  description: "Fires while more than N events of a category (or of an event type) were recorded in the last window; resolves when the count drops back.",
  fields: [
    {
      name: "scope",
      label: "Count events of",
      type: "select",
      options: [
        { value: "category", label: "a category" },
        { value: "type", label: "an event type" },
      ],
      default: "category",
    },
    { name: "target", label: "Category or type", type: "text", example: "category", help: "The category is the stream id up to the first “-”." },
    { name: "threshold", label: "More than", type: "number", min: 1, step: 1, unit: "events", default: 10_000 },
    { name: "windowSeconds", label: "Within the last", type: "number", min: 10, max: 86_400, step: 1, unit: "seconds", default: 300 },
  ],
  params,
  describe: (p) => `${p.scope === "type" ? "type " : ""}${p.target}: more than ${formatCount(p.threshold)} events in ${formatWindow(p.windowSeconds)}`,
  async evaluate({ db, now, params: p }) {
    const observed = await countEventsInWindow(db, { scope: p.scope, target: p.target, from: new Date(now.getTime() - p.windowSeconds * 1000), to: now });
    if (observed <= p.threshold) return [];
    return [
      {
        key: `${p.scope}:${p.target}`,
        summary: `${p.target}: ${formatCount(observed)} events in ${formatWindow(p.windowSeconds)} (threshold ${formatCount(p.threshold)})`,
        details: { observed, threshold: p.threshold, windowSeconds: p.windowSeconds, scope: p.scope, target: p.target },
        category: p.scope === "category" ? p.target : undefined,
        href: p.scope === "category" ? `/streams?category=${encodeURIComponent(p.target)}` : undefined,
      },
    ];
  },
});
