import "server-only";
import { z } from "zod";
import type { Caller } from "../auth/caller";
import type { ApiAnswer } from "../http/api-answer";
import { MAX_VERSION } from "../store/append-to-stream";
import { readStream } from "../store/read-stream";
import { assertStreamId } from "../store/stream-id";
import { parseTime } from "../time";

const readQuery = z.object({
  fromVersion: z.coerce.number().int().min(1).max(MAX_VERSION).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  at: z.string().refine((v) => parseTime(v) !== null, "at must be an RFC 3339 time").optional(),
  raw: z.enum(["true", "false"]).optional(),
  includeArchived: z.enum(["true", "false"]).optional(),
});

/** GET /api/v1/streams/{streamId}/events, after authorization, for both transports. */
export async function readStreamEvents(call: { streamId: string; query: URLSearchParams; caller: Caller }): Promise<ApiAnswer> {
  assertStreamId(call.streamId);
  const q = readQuery.parse(Object.fromEntries(call.query));
  const page = await readStream({
    streamId: call.streamId,
    fromVersion: q.fromVersion,
    limit: q.limit,
    at: q.at,
    raw: q.raw === "true",
    includeArchived: q.includeArchived === "true",
    pii: call.caller.pii,
  });
  return { status: 200, body: page };
}
