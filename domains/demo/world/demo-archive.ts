import "server-only";
import { getPool } from "../../../lib/db";

/**
 * The demo world's archive policy: the unbounded ticker streams, older than 60 days, behind
 * snapshots — paused, so nothing moves until someone enables it or presses "Run now" on the
 * Archive page (projections and other readers of the demo keep their full hot history).
 */
export async function seedDemoArchive(log: (line: string) => void): Promise<void> {
  const { rowCount } = await getPool().query(
    `INSERT INTO archive_policies (category, older_than_days, history_only, enabled, created_by)
     VALUES ('ticker', 60, false, false, 'demo world') ON CONFLICT (category) DO NOTHING`,
  );
  if (rowCount) log("demo archive policy: ticker events older than 60 days (paused; run it from the Archive page)");
}
