// GET /api/v1/events/subscribe — the global log as Server-Sent Events, for session (cookie) callers;
// token callers are served by the node:http fast path with the same core (lib/api/subscribe-log.ts).
import { openSubscription } from "@/lib/api/subscribe-log";
import { apiHandler } from "@/lib/http/api-handler";
import { authenticate } from "@/lib/auth/caller";
import { SSE_HEADERS } from "@/lib/server/fast-subscribe";

export const dynamic = "force-dynamic";

export const GET = apiHandler("events.read", async ({ req, caller }) => {
  const frames = openSubscription({
    query: req.nextUrl.searchParams,
    lastEventId: req.headers.get("last-event-id"),
    caller,
    recheck: () => authenticate(req),
    signal: req.signal,
  });
  const encoder = new TextEncoder();
  // pull() asks for the next frame only when the consumer has taken the last one: backpressure.
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await frames.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await frames.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(body, { headers: SSE_HEADERS });
});
