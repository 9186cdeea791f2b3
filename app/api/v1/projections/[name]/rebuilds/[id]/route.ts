// GET /api/v1/projections/{name}/rebuilds/{id} — a rebuild's {status, progress (0..1), eventsPerSecond, etaSeconds}
import { AppError } from "@/lib/errors";
import { apiHandler } from "@/lib/http/api-handler";
import { getRebuildStatus } from "@/lib/projections/rebuild-api";

export const dynamic = "force-dynamic";

export const GET = apiHandler<{ name: string; id: string }>("events.read", async ({ params }) => {
  if (!/^[1-9][0-9]{0,15}$/.test(params.id)) throw new AppError("not_found", `${params.name} has no rebuild ${params.id}`);
  return getRebuildStatus(params.name, Number(params.id));
});
