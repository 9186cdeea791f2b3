import "server-only";
import type pg from "pg";
import { getPool } from "../db";

/** Failed sign-ins allowed per window before further attempts are refused outright. */
export const SIGN_IN_LIMITS = { windowSeconds: 15 * 60, perAccount: 5, perAddress: 30 } as const;

const WINDOW = `to_timestamp(floor(extract(epoch FROM now()) / ${SIGN_IN_LIMITS.windowSeconds}) * ${SIGN_IN_LIMITS.windowSeconds})`;

export type LimitState = { limited: boolean; retryAfterSeconds: number };

/** Whether this account or this address has used up its failures in the current window. */
export async function signInLimitState(account: string, ip: string | null): Promise<LimitState> {
  const { rows } = await getPool().query<{ scope: "account" | "ip"; failures: number; retry: number }>(
    `SELECT scope, failures, ceil(extract(epoch FROM window_start + make_interval(secs => $3) - now()))::int AS retry
       FROM sign_in_failures
      WHERE window_start = ${WINDOW} AND ((scope = 'account' AND key = $1) OR (scope = 'ip' AND key = $2))`,
    [account, ip ?? "", SIGN_IN_LIMITS.windowSeconds],
  );
  const over = rows.find((r) => r.failures >= (r.scope === "account" ? SIGN_IN_LIMITS.perAccount : SIGN_IN_LIMITS.perAddress));
  return { limited: !!over, retryAfterSeconds: Math.max(1, over?.retry ?? 0) };
}

/** Counts one failure against the account and the address; returns the account's count so far. */
export async function countSignInFailure(client: pg.ClientBase, account: string, ip: string | null): Promise<{ account: number; ip: number }> {
  const { rows } = await client.query<{ scope: "account" | "ip"; failures: number }>(
    `INSERT INTO sign_in_failures (scope, key, window_start, failures)
     SELECT s, k, ${WINDOW}, 1 FROM (VALUES ('account', $1::text), ('ip', $2::text)) AS v(s, k) WHERE k <> ''
     ON CONFLICT (scope, key, window_start) DO UPDATE SET failures = sign_in_failures.failures + 1
     RETURNING scope, failures`,
    [account, ip ?? ""],
  );
  // Old windows are useless; clearing them now and then keeps the table small without a job.
  if (Math.random() < 0.02) await client.query("DELETE FROM sign_in_failures WHERE window_start < now() - interval '1 day'");
  return {
    account: rows.find((r) => r.scope === "account")?.failures ?? 0,
    ip: rows.find((r) => r.scope === "ip")?.failures ?? 0,
  };
}

/** A successful sign-in clears the account's failures (the address keeps its count). */
export async function clearAccountFailures(client: pg.ClientBase, account: string): Promise<void> {
  await client.query("DELETE FROM sign_in_failures WHERE scope = 'account' AND key = $1", [account]);
}
