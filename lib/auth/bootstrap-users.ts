import "server-only";
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { tightenFileMode, writePrivateFileSync } from "../private-file";
import { getPool } from "../db";
import { inTransaction } from "../db-transaction";
import { appendAudit } from "../audit/append-audit";
import { systemActor } from "../audit/actor";
import { insertUser } from "./create-user";
import { hashPassword, MIN_PASSWORD_LENGTH } from "./passwords";
import type { Role } from "./permissions";
import { findUserForSignIn, normaliseEmail } from "./users";
import { env, type EnvSource } from "../env";

/** One demo user per role (and a second compliance user for four-eyes approvals). */
export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: "viewer@hindsight.local", name: "Vera Viewer", role: "viewer" },
  { email: "support@hindsight.local", name: "Sam Support", role: "support" },
  { email: "ops@hindsight.local", name: "Omar Ops", role: "ops" },
  { email: "compliance@hindsight.local", name: "Clara Compliance", role: "compliance" },
  { email: "compliance2@hindsight.local", name: "Chidi Compliance", role: "compliance" },
  { email: "admin@hindsight.local", name: "Ada Admin", role: "admin" },
];

export type DemoCredential = { email: string; name: string; role: Role; password: string };

const bootstrap = systemActor("bootstrap", "bootstrap (npm start)");

/**
 * The embedded default's demo users. Passwords are generated on first start into
 * `<dataDir>/demo-users.json` (mode 0600), never kept in the repository; if that file is lost,
 * new passwords are generated and the existing users' passwords reset to them.
 */
export async function ensureDemoUsers(dataDir: string): Promise<DemoCredential[]> {
  const file = path.join(dataDir, "demo-users.json");
  tightenFileMode(file);
  const stored: Record<string, string> = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {};
  const credentials = DEMO_USERS.map((u) => ({ ...u, password: stored[u.email] ?? randomBytes(12).toString("base64url") }));
  const generated = credentials.filter((c) => stored[c.email] === undefined);
  if (generated.length) {
    writePrivateFileSync(file, JSON.stringify(Object.fromEntries(credentials.map((c) => [c.email, c.password])), null, 2));
  }
  for (const c of credentials) {
    const existing = await findUserForSignIn(c.email);
    if (!existing) {
      const passwordHash = await hashPassword(c.password);
      await inTransaction((client) => insertUser(client, { email: c.email, name: c.name, role: c.role, passwordHash, actor: bootstrap }));
    } else if (generated.includes(c)) {
      const passwordHash = await hashPassword(c.password);
      await inTransaction(async (client) => {
        await client.query("UPDATE users SET password_hash = $2, session_version = session_version + 1, updated_at = now() WHERE id = $1", [existing.id, passwordHash]);
        await appendAudit(client, { actor: bootstrap, action: "user.password_reset", target: `user:${c.email}`, details: { userId: existing.id, reason: "demo-users.json was missing" } });
      });
    }
  }
  return credentials;
}

export type FirstAdminResult = { created: string | null; warning: string | null };

/**
 * With a real DATABASE_URL there are no demo users and no default passwords: the first admin
 * comes from HINDSIGHT_ADMIN_EMAIL and HINDSIGHT_ADMIN_PASSWORD, and only while no active admin exists.
 */
export async function ensureFirstAdmin(source?: EnvSource): Promise<FirstAdminResult> {
  const { rows } = await getPool().query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND status = 'active'");
  if (rows[0].n > 0) return { created: null, warning: null };
  const email = env("HINDSIGHT_ADMIN_EMAIL", source)?.trim();
  const password = env("HINDSIGHT_ADMIN_PASSWORD", source);
  if (!email || !password) {
    return { created: null, warning: "there is no admin yet: set HINDSIGHT_ADMIN_EMAIL and HINDSIGHT_ADMIN_PASSWORD and restart to create the first one" };
  }
  if (password.length < MIN_PASSWORD_LENGTH || !/^[^@\s]+@[^@\s]+$/.test(email)) {
    return { created: null, warning: `HINDSIGHT_ADMIN_EMAIL must be an e-mail address and HINDSIGHT_ADMIN_PASSWORD at least ${MIN_PASSWORD_LENGTH} characters; no admin was created` };
  }
  if (await findUserForSignIn(email)) {
    return { created: null, warning: `${normaliseEmail(email)} exists but is not an active admin; no admin was created (fix it in the database or choose another e-mail)` };
  }
  const passwordHash = await hashPassword(password);
  await inTransaction((client) => insertUser(client, { email, name: "Administrator", role: "admin", passwordHash, actor: bootstrap }));
  return { created: normaliseEmail(email), warning: null };
}
