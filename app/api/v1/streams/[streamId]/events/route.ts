// POST /api/v1/streams/{streamId}/events — append with optimistic concurrency; GET — read one stream's events (`includeArchived=true` adds archived ones).
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { apiHandler } from "@/lib/http/api-handler";
import { readJsonBody } from "@/lib/http/read-json";
import { appendToStream, MAX_VERSION } from "@/lib/store/append-to-stream";
import { readStream } from "@/lib/store/read-stream";
import { assertStreamId } from "@/lib/store/stream-id";
import { parseTime } from "@/lib/time";
import { appendRequestSchema } from "@/lib/store/append-request";

type Params = { streamId: string };


export const POST = apiHandler<Params>("events.append", async ({ req, params }) => {
  assertStreamId(params.streamId);
  const body = appendRequestSchema.parse(await readJsonBody(req));
  const header = req.headers.get("idempotency-key") ?? undefined;
  if (header && body.idempotencyKey && header !== body.idempotencyKey) {
    throw new AppError("bad_request", "the Idempotency-Key header and the idempotencyKey field differ");
  }
  const result = await appendToStream({
    streamId: params.streamId,
    expectedVersion: body.expectedVersion,
    idempotencyKey: body.idempotencyKey ?? header,
    events: body.events,
  });
  return Response.json(result, { status: result.duplicate ? 200 : 201 });
});

const readQuery = z.object({
  fromVersion: z.coerce.number().int().min(1).max(MAX_VERSION).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  at: z.string().refine((v) => parseTime(v) !== null, "at must be an RFC 3339 time").optional(),
  raw: z.enum(["true", "false"]).optional(),
  includeArchived: z.enum(["true", "false"]).optional(),
});

export const GET = apiHandler<Params>("events.read", async ({ req, params, caller }) => {
  assertStreamId(params.streamId);
  const q = readQuery.parse(Object.fromEntries(req.nextUrl.searchParams));
  return readStream({
    streamId: params.streamId,
    fromVersion: q.fromVersion,
    limit: q.limit,
    at: q.at,
    raw: q.raw === "true",
    includeArchived: q.includeArchived === "true",
    pii: caller.pii,
  });
});
