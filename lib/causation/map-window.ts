/** The windows the causation map offers, by how far back they reach. */
export const MAP_WINDOWS = { hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000, month: 30 * 86_400_000 } as const;
export type MapWindowKey = keyof typeof MAP_WINDOWS | "custom";

export const WINDOW_LABELS: Record<MapWindowKey, string> = { hour: "Last hour", day: "Last day", week: "Last week", month: "Last 30 days", custom: "Custom" };

export type MapWindow = { key: MapWindowKey; from: Date; to: Date; label: string };

// A custom window never reaches further back than a year: the map scans every event in it.
const MAX_CUSTOM_MS = 366 * 86_400_000;

/** `YYYY-MM-DDTHH:MM` (a datetime-local field, read as UTC) or any RFC 3339 time. */
function parseInstant(value: string | undefined): Date | null {
  if (!value) return null;
  const local = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value) ? `${value}Z` : value;
  const ms = Date.parse(local);
  return Number.isFinite(ms) ? new Date(ms) : null;
}

/**
 * The map's window from the URL: `window=hour|day|week|month`, or `window=custom&from=&to=` (UTC).
 * Anything unreadable falls back to the last day; a custom window is put in order and capped.
 */
export function mapWindow(params: { window?: string; from?: string; to?: string }, now: Date): MapWindow {
  if (params.window === "custom") {
    const to = parseInstant(params.to) ?? now;
    let from = parseInstant(params.from) ?? new Date(to.getTime() - MAP_WINDOWS.day);
    if (from > to) from = new Date(to.getTime() - MAP_WINDOWS.day);
    if (to.getTime() - from.getTime() > MAX_CUSTOM_MS) from = new Date(to.getTime() - MAX_CUSTOM_MS);
    return { key: "custom", from, to, label: `${from.toISOString().slice(0, 16).replace("T", " ")} – ${to.toISOString().slice(0, 16).replace("T", " ")} UTC` };
  }
  const key = params.window && params.window in MAP_WINDOWS ? (params.window as keyof typeof MAP_WINDOWS) : "day";
  return { key, from: new Date(now.getTime() - MAP_WINDOWS[key]), to: now, label: WINDOW_LABELS[key] };
}
