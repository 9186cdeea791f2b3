import "server-only";
import { AppError } from "../errors";
import type { ApiAnswer } from "../http/api-answer";
import { requireCapability } from "../source/require-capability";
import { appendRequestSchema } from "../store/append-request";
import { appendToStream } from "../store/append-to-stream";
import { assertStreamId } from "../store/stream-id";

export type AppendEventsCall = {
  streamId: string;
  /** Reads the JSON body (capped by the transport); called only once the stream id is valid. */
  readBody: () => Promise<unknown>;
  idempotencyHeader: string | null;
};

/**
 * POST /api/v1/streams/{streamId}/events, after authorization, for both transports: parse,
 * append, and answer 201 (or 200 for an idempotent replay).
 */
export async function appendEvents(call: AppendEventsCall): Promise<ApiAnswer> {
  assertStreamId(call.streamId);
  // Over another store its own clients write; refused before the body is read.
  requireCapability("append");
  const body = appendRequestSchema.parse(await call.readBody());
  const header = call.idempotencyHeader ?? undefined;
  if (header && body.idempotencyKey && header !== body.idempotencyKey) {
    throw new AppError("bad_request", "the Idempotency-Key header and the idempotencyKey field differ");
  }
  const result = await appendToStream({
    streamId: call.streamId,
    expectedVersion: body.expectedVersion,
    idempotencyKey: body.idempotencyKey ?? header,
    events: body.events,
  });
  return { status: result.duplicate ? 200 : 201, body: result };
}
