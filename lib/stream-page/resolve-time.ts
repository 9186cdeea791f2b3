import { fetchApi, streamApiPath } from "../browser/api-client";
import type { StateAtResponse } from "./types";

/**
 * The stream version current at a time: the last event recorded at or before it (0 before the
 * first). The state route resolves it, so the browser and the server agree on the rule.
 */
export async function resolveTimeToVersion(streamId: string, at: string): Promise<number> {
  const state = await fetchApi<StateAtResponse>(streamApiPath(streamId, "state", { at }));
  return state.version;
}

/** A `datetime-local` value read as UTC (the console shows every time in UTC), as RFC 3339. */
export function localInputToUtc(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return null;
  return `${value.length === 16 ? `${value}:00` : value}Z`;
}

/** An RFC 3339 time as a `datetime-local` value in UTC, to the second. */
export function utcToLocalInput(time: string | null): string {
  return time ? new Date(time).toISOString().slice(0, 19) : "";
}
