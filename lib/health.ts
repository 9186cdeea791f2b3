import "server-only";
import { getPool } from "./db";

export type Health = {
  status: "ok" | "degraded" | "down";
  database: { ok: boolean; latencyMs?: number; error?: string };
  worker: { ok: boolean; lastBeatSecondsAgo: number | null };
};

const WORKER_STALE_SECONDS = 60;

/** Liveness of the database and the freshness of the newest worker heartbeat. */
export async function getHealth(): Promise<Health> {
  const started = performance.now();
  try {
    const { rows } = await getPool().query<{ age: number | null }>(
      "SELECT extract(epoch FROM now() - max(beat_at))::float8 AS age FROM worker_heartbeats",
    );
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    const age = rows[0].age === null ? null : Math.round(rows[0].age);
    const workerOk = age !== null && age < WORKER_STALE_SECONDS;
    return { status: workerOk ? "ok" : "degraded", database: { ok: true, latencyMs }, worker: { ok: workerOk, lastBeatSecondsAgo: age } };
  } catch (e) {
    return { status: "down", database: { ok: false, error: (e as Error).message }, worker: { ok: false, lastBeatSecondsAgo: null } };
  }
}
