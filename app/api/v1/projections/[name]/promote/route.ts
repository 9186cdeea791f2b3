// POST /api/v1/projections/{name}/promote — make the rebuilt code version live {"version", "confirmedDiff"?}; the previous one keeps following for rollback
import { z } from "zod";
import { actorOf } from "@/lib/auth/caller";
import { apiHandler } from "@/lib/http/api-handler";
import { readJsonBody } from "@/lib/http/read-json";
import { promoteCodeVersion } from "@/lib/projections/rebuild-api";

export const dynamic = "force-dynamic";

const count = z.number().int().min(0);
const body = z.object({ version: z.number().int().positive(), confirmedDiff: z.object({ added: count, removed: count, changed: count }).optional() }).strict();

export const POST = apiHandler<{ name: string }>("projections.rebuild", async ({ req, params, caller }) => {
  const input = body.parse(await readJsonBody(req));
  return promoteCodeVersion({ name: params.name, ...input, actor: actorOf(caller, req) });
});
