// GET /api/v1/events/{eventId} — one event by id, with its cause and effects across streams (PII per caller).
import { z } from "zod";
import { apiHandler } from "@/lib/http/api-handler";
import { getEvent, MAX_EFFECTS } from "@/lib/store/get-event";

type Params = { eventId: string };

const query = z.object({ effects: z.coerce.number().int().min(0).max(MAX_EFFECTS).optional() });

export const GET = apiHandler<Params>("events.read", async ({ req, params, caller }) => {
  const q = query.parse(Object.fromEntries(req.nextUrl.searchParams));
  return getEvent({ eventId: params.eventId, pii: caller.pii, effectsLimit: q.effects });
});
