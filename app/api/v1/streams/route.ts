// GET /api/v1/streams — list streams by id prefix and category, paged.
import { z } from "zod";
import { apiHandler } from "@/lib/http/api-handler";
import { listStreams } from "@/lib/store/list-streams";

const query = z.object({
  prefix: z.string().max(200).optional(),
  category: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  after: z.string().max(200).optional(),
});

export const GET = apiHandler("events.read", async ({ req }) => {
  const q = query.parse(Object.fromEntries(req.nextUrl.searchParams));
  return listStreams(q);
});
