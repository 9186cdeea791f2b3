// POST /api/v1/projections/{name}/rollback — the previous version (still following the log) becomes live again
import { actorOf } from "@/lib/auth/caller";
import { apiHandler } from "@/lib/http/api-handler";
import { rollbackProjection } from "@/lib/projections/rebuild-api";

export const dynamic = "force-dynamic";

export const POST = apiHandler<{ name: string }>("projections.rebuild", async ({ req, params, caller }) => rollbackProjection({ name: params.name, actor: actorOf(caller, req) }));
