import "server-only";
import type pg from "pg";
import { getPool } from "../db";

export type StandingHold = { id: string; scope: "subject" | "stream" | "category"; target: string };

/** Legal holds that stand now: not released and not expired (the legal_holds rule of issue #8). */
export async function listStandingHolds(db: pg.Pool | pg.PoolClient = getPool()): Promise<StandingHold[]> {
  const { rows } = await db.query<StandingHold>(
    `SELECT id, scope, target FROM legal_holds
      WHERE released_at IS NULL AND (expires_at IS NULL OR expires_at > now()) ORDER BY created_at, id`,
  );
  return rows;
}

/** What a category's archiving must leave hot: the whole category, some streams, some subjects. */
export function holdsFor(category: string, holds: StandingHold[]): { category: boolean; streams: Set<string>; subjects: string[] } {
  return {
    category: holds.some((h) => h.scope === "category" && h.target === category),
    streams: new Set(holds.filter((h) => h.scope === "stream").map((h) => h.target)),
    subjects: [...new Set(holds.filter((h) => h.scope === "subject").map((h) => h.target))],
  };
}
