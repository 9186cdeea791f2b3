// GET /api/v1/stats/growth — events and bytes per hour or day, by category or type, from the hourly rollups.
import { apiHandler } from "@/lib/http/api-handler";
import { getGrowth, growthQuerySchema } from "@/lib/growth/get-growth";

export const dynamic = "force-dynamic";

export const GET = apiHandler("stats.read", async ({ req }) => {
  const q = growthQuerySchema.parse(Object.fromEntries(req.nextUrl.searchParams));
  return { buckets: await getGrowth(q) };
});
