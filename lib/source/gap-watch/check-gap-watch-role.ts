import type pg from "pg";

/** What the gap watch needs of the source role and server, each missing piece as a sentence (empty when all is there). */
export async function checkGapWatchRole(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query<{ stats: boolean; standby: boolean }>(
    `SELECT pg_has_role(current_user, 'pg_read_all_stats', 'USAGE')
              OR (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS stats,
            pg_is_in_recovery() AS standby`,
  );
  const problems: string[] = [];
  if (!rows[0].stats) {
    problems.push("the source role is not a member of pg_read_all_stats: other roles' transactions are hidden from it, so a gap in the log can never be proven final and the live follow stops at the first one");
  }
  if (rows[0].standby) problems.push("HINDSIGHT_SOURCE_URL points at a standby: its writers' transactions are invisible there, so gaps can never be proven final; point it at the primary");
  return problems;
}
