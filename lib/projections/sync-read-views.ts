import "server-only";
import { getPool } from "../db";
import { projectionRegistry } from "./registry";

/** The view a projection is read through by applications: hindsight_read.<name with '-' as '_'>. */
export function readViewName(name: string): string {
  return `hindsight_read.${name.replace(/-/g, "_")}`;
}

/**
 * Creates or updates hindsight_read.<name> for every projection of the loaded domain, with the
 * columns its latest version declares (hs_sync_read_view does nothing when a view is already
 * current, so every start may call it). The view follows promote and rollback by itself.
 */
export async function syncReadViews(): Promise<string[]> {
  const registry = projectionRegistry();
  const views: string[] = [];
  for (const name of registry.names()) {
    const columns = registry.latest(name)!.readColumns ?? [];
    const { rows } = await getPool().query<{ view: string }>("SELECT hs_sync_read_view($1, $2::jsonb) AS view", [name, JSON.stringify(columns)]);
    views.push(`hindsight_read.${rows[0].view}`);
  }
  return views;
}
