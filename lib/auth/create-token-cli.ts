import "server-only";
import os from "node:os";
import { getPool } from "../db";
import { AppError } from "../errors";
import { systemActor } from "../audit/actor";
import { createApiToken } from "./api-tokens";
import type { TokenScope } from "./permissions";
import { normaliseEmail } from "./users";

export type CliTokenOptions = { name: string; scopes: TokenScope[]; ownerEmail?: string; expiresInSeconds?: number | null };

/**
 * `npm run token`: a token owned by an active admin (the one named, or the oldest), audited as
 * made from the command line on this host.
 */
export async function createApiTokenFromCli(opts: CliTokenOptions): Promise<{ token: string; owner: string }> {
  const { rows } = await getPool().query<{ id: string; email: string }>(
    `SELECT id, email FROM users WHERE role = 'admin' AND status = 'active' AND ($1::text IS NULL OR lower(email) = $1)
      ORDER BY created_at, email LIMIT 1`,
    [opts.ownerEmail ? normaliseEmail(opts.ownerEmail) : null],
  );
  if (!rows[0]) {
    throw new AppError("not_found", opts.ownerEmail ? `${opts.ownerEmail} is not an active admin` : "there is no active admin to own the token; create one first");
  }
  const actor = { ...systemActor("cli", `command line (${os.userInfo().username}@${os.hostname()})`) };
  const { token } = await createApiToken({ name: opts.name, scopes: opts.scopes, ownerId: rows[0].id, expiresInSeconds: opts.expiresInSeconds, actor });
  return { token, owner: rows[0].email };
}
