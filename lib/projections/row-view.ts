import "server-only";
import { renderPii, type PiiMode } from "../schema/pii";

/**
 * Projection row state as it may leave the server, exactly as the event views render data: each
 * PII envelope (rows copy them as stored) becomes its plaintext for callers with pii.read,
 * "[masked]" for the others, "[erased]" once the subject's key is destroyed. Every view of row
 * state (the diff's samples, any row listing) goes through here; raw envelopes never do.
 */
export function viewRowStates<T>(values: T[], pii: PiiMode): Promise<T[]> {
  return renderPii(values, pii);
}
