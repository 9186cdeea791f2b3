// GET /api/v1/projections/{name} — the live code version (liveVersion), a projection's versions, rebuild progress, lag, parked event and drills
import { AppError } from "@/lib/errors";
import { apiHandler } from "@/lib/http/api-handler";
import { getProjection } from "@/lib/projections/get-projection";
import { liveCodeVersion } from "@/lib/projections/rebuild-api";

export const dynamic = "force-dynamic";

export const GET = apiHandler<{ name: string }>("events.read", async ({ params }) => {
  const detail = await getProjection(params.name);
  if (!detail) throw new AppError("not_found", `there is no projection ${params.name}`);
  return { ...detail, liveVersion: await liveCodeVersion(params.name) };
});
