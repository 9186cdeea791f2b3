import { env } from "./env";

/** Limits every Hindsight session gets from PostgreSQL itself, so one stuck client cannot stall the log. */
export type SessionTimeouts = { statementMs: number; idleInTransactionMs: number };

/**
 * Ordinary sessions: a statement ends after HINDSIGHT_STATEMENT_TIMEOUT_MS, and a transaction left
 * idle after HINDSIGHT_IDLE_TX_TIMEOUT_MS (an open transaction holds back every reader of the global log).
 */
export function sessionTimeouts(): SessionTimeouts {
  return { statementMs: env("HINDSIGHT_STATEMENT_TIMEOUT_MS"), idleInTransactionMs: env("HINDSIGHT_IDLE_TX_TIMEOUT_MS") };
}

/**
 * Long work (rebuild batches, archive runs, erasure discovery and verification sweeps) may run a
 * statement for HINDSIGHT_LONG_STATEMENT_TIMEOUT_MS; its transactions still may not sit idle.
 */
export function longWorkTimeouts(): SessionTimeouts {
  return { statementMs: env("HINDSIGHT_LONG_STATEMENT_TIMEOUT_MS"), idleInTransactionMs: sessionTimeouts().idleInTransactionMs };
}

/** The libpq `options` string that sets the time zone and these limits on every new connection. */
export function sessionOptions(t: SessionTimeouts): string {
  return `-c TimeZone=UTC -c statement_timeout=${t.statementMs} -c idle_in_transaction_session_timeout=${t.idleInTransactionMs}`;
}
