// GET /api/v1/events — the global log in log order (tx_id, global_position), gap-safe, paged by cursor; `wait=` long-polls.
// The logic lives in lib/api/read-log.ts and is shared with the node:http fast path (lib/server/fast-handlers.ts).
import { readLog } from "@/lib/api/read-log";
import { answerResponse, apiHandler } from "@/lib/http/api-handler";

export const GET = apiHandler("events.read", async ({ req, caller }) =>
  answerResponse(await readLog({ query: req.nextUrl.searchParams, caller, signal: req.signal })),
);
