import type pg from "pg";

/**
 * A timestamp Prisma read, in the shape pg gives Hindsight (`…T12:00:00.123000+00:00`): Prisma's
 * DateTime holds milliseconds, so the last three digits of the microseconds are zeros.
 */
export function rfc3339(d: Date): string {
  return d.toISOString().replace(/Z$/, "000+00:00");
}

/** The same for a nullable column. */
export function rfc3339OrNull(d: Date | null): string | null {
  return d === null ? null : rfc3339(d);
}

/**
 * The transaction's `now()` for a value Prisma writes (`released_at = now()` in SQL): the database's
 * clock stays the one clock that expiries are compared with, whatever the app server's says.
 */
export async function transactionNow(client: pg.ClientBase): Promise<Date> {
  const { rows } = await client.query<{ now: string }>("SELECT now() AS now");
  return new Date(rows[0].now);
}
