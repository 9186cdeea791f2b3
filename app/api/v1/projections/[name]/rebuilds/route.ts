// POST /api/v1/projections/{name}/rebuilds — start a blue/green rebuild of a code version: 202 {rebuildId}
import { NextResponse } from "next/server";
import { z } from "zod";
import { actorOf } from "@/lib/auth/caller";
import { apiHandler } from "@/lib/http/api-handler";
import { readJsonBody } from "@/lib/http/read-json";
import { startRebuild } from "@/lib/projections/start-rebuild";

export const dynamic = "force-dynamic";

const body = z.object({ version: z.number().int().positive(), partitions: z.number().int().min(1).max(64).optional() }).strict();

export const POST = apiHandler<{ name: string }>("projections.rebuild", async ({ req, params, caller }) => {
  const input = body.parse(await readJsonBody(req));
  const started = await startRebuild({ name: params.name, codeVersion: input.version, partitions: input.partitions ?? 4, actor: actorOf(caller, req) });
  return NextResponse.json({ rebuildId: started.versionId, version: input.version, partitions: started.partitions, events: started.events }, { status: 202 });
});
