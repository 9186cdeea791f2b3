import "server-only";
import type pg from "pg";
import { getPool } from "../db";

/** How long a session lasts without signing in again. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

export type RevokeReason = "sign_out" | "sign_out_everywhere" | "disabled";

/**
 * Records a new session for `userId` and returns its id, which the session cookie carries: the
 * server can then end this one session (sign-out) or all of them. Rows long expired are pruned.
 */
export async function openSession(userId: string, db: pg.Pool | pg.ClientBase = getPool()): Promise<string> {
  await db.query("DELETE FROM user_sessions WHERE expires_at < now() - interval '1 day'");
  const { rows } = await db.query<{ id: string }>(
    "INSERT INTO user_sessions (user_id, expires_at) VALUES ($1, now() + make_interval(secs => $2)) RETURNING id",
    [userId, SESSION_MAX_AGE_SECONDS],
  );
  return rows[0].id;
}

/** Whether the session is one the server issued to this user and has not ended. */
export async function isSessionLive(sessionId: unknown, userId: string): Promise<boolean> {
  if (typeof sessionId !== "string" || !/^[0-9a-f-]{36}$/i.test(sessionId)) return false;
  const { rows } = await getPool().query(
    "SELECT 1 FROM user_sessions WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL AND expires_at > now()",
    [sessionId, userId],
  );
  return rows.length === 1;
}

/** Ends one session (sign-out); returns whether it was live. */
export async function revokeSession(sessionId: unknown, reason: RevokeReason, db: pg.Pool | pg.ClientBase = getPool()): Promise<boolean> {
  if (typeof sessionId !== "string" || !/^[0-9a-f-]{36}$/i.test(sessionId)) return false;
  const res = await db.query("UPDATE user_sessions SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL", [sessionId, reason]);
  return res.rowCount === 1;
}

/** Ends every live session of a user; returns how many there were. */
export async function revokeAllSessions(userId: string, reason: RevokeReason, db: pg.Pool | pg.ClientBase = getPool()): Promise<number> {
  const res = await db.query(
    "UPDATE user_sessions SET revoked_at = now(), revoked_reason = $2 WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()",
    [userId, reason],
  );
  return res.rowCount ?? 0;
}
