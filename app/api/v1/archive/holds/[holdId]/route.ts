// GET /api/v1/archive/holds/{holdId} — a legal hold's sealed archive segments and their events (compliance only).
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { apiHandler } from "@/lib/http/api-handler";
import { readHoldSegments } from "@/lib/archive/read-hold-segments";

type Params = { holdId: string };

const query = z.object({ limit: z.coerce.number().int().min(1).max(1000).optional() });

export const GET = apiHandler<Params>("holds.manage", async ({ req, params, caller }) => {
  if (!z.uuid().safeParse(params.holdId).success) throw new AppError("not_found", `there is no legal hold ${params.holdId}`);
  const q = query.parse(Object.fromEntries(req.nextUrl.searchParams));
  return readHoldSegments({ holdId: params.holdId, pii: caller.pii, limit: q.limit });
});
