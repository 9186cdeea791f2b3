import { AppError } from "../errors";

export const MAX_STREAM_ID_LENGTH = 200;

// Whitespace, C0/C1 controls, and the Unicode separators that render as nothing.
const FORBIDDEN = /[\s\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\ufeff]/u;

/** Bidirectional embeddings, overrides and isolates: they make a name read differently from what it is. */
export const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/u;

/** Why a stream id is unacceptable, or null when it is fine. */
export function streamIdProblem(streamId: unknown): string | null {
  if (typeof streamId !== "string") return "stream id must be a string";
  if (streamId.length === 0) return "stream id is empty";
  if (streamId.length > MAX_STREAM_ID_LENGTH) return `stream id is longer than ${MAX_STREAM_ID_LENGTH} characters`;
  if (FORBIDDEN.test(streamId)) return "stream id contains whitespace or control characters";
  if (BIDI_CONTROLS.test(streamId)) return "stream id contains bidirectional control characters";
  // A lone surrogate has no UTF-8 form: it would be stored as U+FFFD and collide with other ids.
  if (/[\ud800-\udfff]/u.test(streamId)) return "stream id is not valid Unicode (it has a lone surrogate)";
  if (streamId.startsWith("-")) return "stream id has an empty category (it starts with '-')";
  return null;
}

/** Throws a 422 validation_failed naming the problem. */
export function assertStreamId(streamId: unknown): asserts streamId is string {
  const problem = streamIdProblem(streamId);
  if (problem) throw new AppError("validation_failed", problem, { field: "streamId" });
}

/** The category is the text before the first `-` (the whole id when there is none). */
export function categoryOf(streamId: string): string {
  const dash = streamId.indexOf("-");
  return dash === -1 ? streamId : streamId.slice(0, dash);
}

/** A stable 32-bit FNV-1a hash of the id (signed, as Postgres stores int). Rebuild partitions are ranges of it. */
export function streamHash(streamId: string): number {
  let h = 0x811c9dc5;
  const bytes = Buffer.from(streamId, "utf8");
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}
