// POST /api/v1/streams/{streamId}/events — append with optimistic concurrency; GET — read one stream's events (`includeArchived=true` adds archived ones).
// The logic lives in lib/api/ and is shared with the node:http fast path (lib/server/fast-handlers.ts).
import { appendEvents } from "@/lib/api/append-events";
import { readStreamEvents } from "@/lib/api/read-stream-events";
import { answerResponse, apiHandler } from "@/lib/http/api-handler";
import { readJsonBody } from "@/lib/http/read-json";

type Params = { streamId: string };

export const POST = apiHandler<Params>("events.append", async ({ req, params }) =>
  answerResponse(await appendEvents({ streamId: params.streamId, readBody: () => readJsonBody(req), idempotencyHeader: req.headers.get("idempotency-key") })),
);

export const GET = apiHandler<Params>("events.read", async ({ req, params, caller }) =>
  answerResponse(await readStreamEvents({ streamId: params.streamId, query: req.nextUrl.searchParams, caller })),
);
