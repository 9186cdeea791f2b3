// GET /api/v1/events — the global log in log order (tx_id, global_position), gap-safe, paged by cursor.
import { z } from "zod";
import { apiHandler } from "@/lib/http/api-handler";
import { decodeCursor } from "@/lib/store/log-cursor";
import { readAll } from "@/lib/store/read-all";

const query = z.object({
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  category: z.string().max(200).optional(),
  type: z.string().max(200).optional(),
});

export const GET = apiHandler("events.read", async ({ req, caller }) => {
  const q = query.parse(Object.fromEntries(req.nextUrl.searchParams));
  const page = await readAll({
    after: q.after ? decodeCursor(q.after) : undefined,
    limit: q.limit,
    category: q.category,
    type: q.type,
    pii: caller.pii,
  });
  return { events: page.events, next: page.next };
});
