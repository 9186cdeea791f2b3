// GET /api/v1/correlations/{correlationId} — the causation graph of one correlation, repeated patterns collapsed.
// `?group=<groupId>&limit=` answers a page of one collapsed group's events instead; `?collapse=false` draws every event.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { apiHandler } from "@/lib/http/api-handler";
import { isUuid } from "@/lib/ids";
import { getCorrelationGraph, getGroupPage, MAX_GROUP_PAGE } from "@/lib/causation/get-correlation-graph";

const query = z.object({
  group: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_GROUP_PAGE).optional(),
  collapse: z.enum(["true", "false"]).optional(),
});

export const GET = apiHandler<{ correlationId: string }>("events.read", async ({ req, params, caller }) => {
  if (!isUuid(params.correlationId)) throw new AppError("validation_failed", "a correlation id is a UUID", { field: "correlationId" });
  const q = query.parse(Object.fromEntries(req.nextUrl.searchParams));
  if (q.group) return getGroupPage({ correlationId: params.correlationId, groupId: q.group, limit: q.limit, pii: caller.pii });
  return getCorrelationGraph({ correlationId: params.correlationId, pii: caller.pii, collapse: q.collapse !== "false" });
});
