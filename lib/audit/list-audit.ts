import "server-only";
import { getPool } from "../db";

export type AuditRow = {
  id: number;
  at: string;
  actorId: string;
  actorLabel: string;
  action: string;
  target: string | null;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
};

export type ListAuditOptions = {
  /** Matches the actor's label (e-mail, token name) or id, case-insensitively, as a substring. */
  actor?: string;
  /** Exact action, or a prefix ending in "." (`user.`). */
  action?: string;
  /** RFC 3339 bounds on `at`, inclusive from, exclusive to. */
  from?: string;
  to?: string;
  /** Entries older than this id (the `next` of the previous page). */
  before?: number;
  limit?: number;
};

/** Audit entries, newest first, filtered and paged by id. */
export async function listAuditEntries(opts: ListAuditOptions): Promise<{ entries: AuditRow[]; next: number | null }> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replaceAll("?", `$${params.length}`));
  };
  if (opts.actor) add("(actor_label ILIKE ? ESCAPE '\\' OR actor_id ILIKE ? ESCAPE '\\')", `%${escapeLike(opts.actor)}%`);
  if (opts.action) {
    if (opts.action.endsWith(".")) add("action LIKE ? ESCAPE '\\'", `${escapeLike(opts.action)}%`);
    else add("action = ?", opts.action);
  }
  if (opts.from) add("at >= ?::timestamptz", opts.from);
  if (opts.to) add("at < ?::timestamptz", opts.to);
  if (opts.before) add("id < ?", opts.before);
  params.push(limit + 1);
  const { rows } = await getPool().query<AuditRow>(
    `SELECT id, at, actor_id AS "actorId", actor_label AS "actorLabel", action, target, ip, user_agent AS "userAgent", details
       FROM audit_log ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
      ORDER BY id DESC LIMIT $${params.length}`,
    params,
  );
  const entries = rows.slice(0, limit);
  return { entries, next: rows.length > limit ? entries[entries.length - 1].id : null };
}

/** The distinct actions recorded so far, for the filter's choices. */
export async function listAuditActions(): Promise<string[]> {
  const { rows } = await getPool().query<{ action: string }>("SELECT DISTINCT action FROM audit_log ORDER BY action");
  return rows.map((r) => r.action);
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
