import "server-only";
import type pg from "pg";
import { getPool } from "../db";
import type { Role } from "./permissions";

export type UserStatus = "active" | "disabled";

/** A person who can sign in. */
export type User = {
  id: string;
  email: string;
  name: string;
  role: Role;
  status: UserStatus;
  sessionVersion: number;
  createdAt: string;
  lastSignInAt: string | null;
  /** Whether the user can sign in with a password (else only through single sign-on). */
  hasPassword: boolean;
};

const COLUMNS = `id, email, name, role, status, session_version, created_at, last_sign_in_at, password_hash`;

type Row = {
  id: string;
  email: string;
  name: string;
  role: Role;
  status: UserStatus;
  session_version: number;
  created_at: string;
  last_sign_in_at: string | null;
  password_hash: string | null;
};

function toUser(r: Row): User {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    status: r.status,
    sessionVersion: r.session_version,
    createdAt: r.created_at,
    lastSignInAt: r.last_sign_in_at,
    hasPassword: r.password_hash !== null,
  };
}

/** Trimmed and lower-cased: e-mails are unique whatever their case. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The user with this id, or null (also for ids that are not UUIDs). */
export async function findUserById(id: string, db: pg.ClientBase | pg.Pool = getPool()): Promise<User | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
  return rows[0] ? toUser(rows[0]) : null;
}

/** The user with this e-mail and their password hash (for sign-in only). */
export async function findUserForSignIn(email: string): Promise<(User & { passwordHash: string | null }) | null> {
  const { rows } = await getPool().query<Row>(`SELECT ${COLUMNS} FROM users WHERE lower(email) = $1`, [normaliseEmail(email)]);
  return rows[0] ? { ...toUser(rows[0]), passwordHash: rows[0].password_hash } : null;
}

/** Every user, admins first, then by name. */
export async function listUsers(): Promise<User[]> {
  const { rows } = await getPool().query<Row>(
    `SELECT ${COLUMNS} FROM users ORDER BY (role = 'admin') DESC, lower(name), lower(email)`,
  );
  return rows.map(toUser);
}

/** How many active admins there are besides `exceptId`: the last one may not be demoted or disabled. */
export async function otherActiveAdmins(db: pg.ClientBase, exceptId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND status = 'active' AND id <> $1",
    [exceptId],
  );
  return rows[0].n;
}
