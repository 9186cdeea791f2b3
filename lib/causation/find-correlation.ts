import "server-only";
import { getPool } from "../db";
import { isUuid } from "../ids";
import { logTables } from "../source/log-tables";

export type CorrelationLookup =
  | { found: "correlation"; correlationId: string }
  | { found: "event"; correlationId: string; eventId: string }
  | { found: "uncorrelated-event"; eventId: string }
  | { found: "nothing" };

/** What the graph's search box was given: a correlation id, or an event id whose correlation is wanted. */
export async function findCorrelation(id: string): Promise<CorrelationLookup> {
  const wanted = id.trim().toLowerCase();
  if (!isUuid(wanted)) return { found: "nothing" };
  const events = logTables().events;
  const { rows } = await getPool().query<{ correlation: boolean; event_correlation: string | null; event_found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM ${events} WHERE correlation_id = $1) AS correlation,
            (SELECT correlation_id FROM ${events} WHERE event_id = $1) AS event_correlation,
            EXISTS (SELECT 1 FROM ${events} WHERE event_id = $1) AS event_found`,
    [wanted],
  );
  const r = rows[0];
  if (r.correlation) return { found: "correlation", correlationId: wanted };
  if (r.event_correlation) return { found: "event", correlationId: r.event_correlation, eventId: wanted };
  if (r.event_found) return { found: "uncorrelated-event", eventId: wanted };
  return { found: "nothing" };
}
