// GET /api/v1/projections/{name}/diff?version=&kind=&prefix=&limit= — a rebuilt code version (or ?green=<rebuildId>) against the live version, key by key
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { apiHandler } from "@/lib/http/api-handler";
import { getVersionDiff } from "@/lib/projections/get-version-diff";
import { buildOf } from "@/lib/projections/rebuild-api";

export const dynamic = "force-dynamic";

const query = z.object({
  version: z.coerce.number().int().positive().optional(),
  green: z.coerce.number().int().positive().optional(),
  kind: z.enum(["added", "removed", "changed"]).optional(),
  prefix: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export const GET = apiHandler<{ name: string }>("events.read", async ({ req, params, caller }) => {
  const q = query.parse(Object.fromEntries(req.nextUrl.searchParams));
  const greenId = q.version !== undefined ? await buildOf(params.name, q.version) : q.green;
  const diff = await getVersionDiff({ name: params.name, greenId, kind: q.kind, keyPrefix: q.prefix, limit: q.limit, pii: caller.pii });
  if (diff === undefined) throw new AppError("not_found", `there is no projection ${params.name}`);
  return { diff };
});
