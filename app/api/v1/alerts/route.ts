// GET /api/v1/alerts — alerts firing now (state=firing, the default) or recently resolved, with the firing count per severity.
import { z } from "zod";
import { apiHandler } from "@/lib/http/api-handler";
import { countFiringAlerts, getFiringSnapshot, listResolvedAlerts } from "@/lib/alerts/list-alerts";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  state: z.enum(["firing", "resolved"]).default("firing"),
  limit: z.coerce.number().int().min(0).max(500).default(100),
});

export const GET = apiHandler("events.read", async ({ req }) => {
  const q = querySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  if (q.state === "firing" && q.limit > 0) return getFiringSnapshot(q.limit);
  const [firing, alerts] = await Promise.all([countFiringAlerts(), q.limit === 0 ? Promise.resolve([]) : listResolvedAlerts(q.limit)]);
  return { firing, alerts };
});
