import { StartFailure } from "./supervisor/fork-child";
import { ClusterError } from "../../lib/postgres/cluster-error";

/**
 * One line for a failed start: our own explanations as they are, a full disk as a full disk, and
 * for anything else its message or code — never `undefined`, never a stack.
 */
export function describeStartError(e: unknown): string {
  if (e instanceof ClusterError || e instanceof StartFailure) return e.message;
  if (isDiskFull(e)) return `the disk is full (${messageOf(e)}): free some space and start again (a half-loaded demo world is loaded again from scratch)`;
  const err = e as { code?: string; message?: string; errors?: unknown[] };
  if (err?.code === "ECONNREFUSED" || err?.code === "57P01" || err?.code === "57P03") return `PostgreSQL stopped answering during start (${messageOf(e)})`;
  return messageOf(e);
}

/** ENOSPC from Node, 53100 (disk_full) or "No space left on device" from PostgreSQL. */
export function isDiskFull(e: unknown): boolean {
  const err = e as { code?: string; message?: string; errors?: unknown[] } | undefined;
  if (!err) return false;
  if (err.code === "ENOSPC" || err.code === "53100") return true;
  if (/No space left on device|could not extend file/i.test(err.message ?? "")) return true;
  return Array.isArray(err.errors) && err.errors.some(isDiskFull);
}

function messageOf(e: unknown): string {
  if (e instanceof AggregateError && e.errors.length) return messageOf(e.errors[0]);
  if (e instanceof Error) return e.message || (e as { code?: string }).code || e.name;
  if (e === undefined || e === null) return "an unknown failure (no message)";
  return String(e);
}
