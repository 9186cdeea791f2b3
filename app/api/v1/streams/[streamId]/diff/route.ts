// GET /api/v1/streams/{streamId}/diff?from=&to= — field-level changes between two points (versions or times), with the events in between.
import { z } from "zod";
import { apiHandler } from "@/lib/http/api-handler";
import { assertStreamId } from "@/lib/store/stream-id";
import { diffResponse, getStreamDiff } from "@/lib/stream-state/get-stream-diff";
import { parsePoint } from "@/lib/stream-state/state-point";

type Params = { streamId: string };

const query = z.object({
  from: z.string({ error: "from is required: a stream version or an RFC 3339 time" }),
  to: z.string().optional(),
  limit: z.string().regex(/^\d+$/, "limit must be a whole number").transform(Number).pipe(z.number().int().min(1).max(1000)).optional(),
});

export const GET = apiHandler<Params>("events.read", async ({ req, params, caller }) => {
  assertStreamId(params.streamId);
  const q = query.parse(Object.fromEntries(req.nextUrl.searchParams));
  const diff = await getStreamDiff({
    streamId: params.streamId,
    from: parsePoint(q.from, "from"),
    to: q.to === undefined ? undefined : parsePoint(q.to, "to"),
    eventLimit: q.limit,
    pii: caller.pii,
  });
  return diffResponse(diff);
});
