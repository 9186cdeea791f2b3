// GET /api/metrics — Prometheus text format; needs stats.read (a token with the stats:read scope for scrapers).
import { apiHandler } from "@/lib/http/api-handler";
import { renderMetrics } from "@/lib/metrics/render-metrics";

export const dynamic = "force-dynamic";

export const GET = apiHandler("stats.read", async () => {
  return new Response(await renderMetrics(), { headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8" } });
});
