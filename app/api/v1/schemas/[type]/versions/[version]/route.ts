// PUT /api/v1/schemas/{type}/versions/{n} — register version n of an event type as JSON Schema 2020-12, with the JSON Patch upcast from n-1
import { NextResponse } from "next/server";
import { z } from "zod";
import { actorOf } from "@/lib/auth/caller";
import { apiHandler } from "@/lib/http/api-handler";
import { readJsonBody } from "@/lib/http/read-json";
import { registerDataSchema } from "@/lib/schema/register-data-schema";

export const dynamic = "force-dynamic";

const body = z.object({ schema: z.record(z.string(), z.unknown()), upcast: z.array(z.unknown()).optional(), description: z.string().max(2000).optional() }).strict();

export const PUT = apiHandler<{ type: string; version: string }>("schemas.manage", async ({ req, params, caller }) => {
  const input = body.parse(await readJsonBody(req));
  const version = /^[1-9][0-9]{0,4}$/.test(params.version) ? Number(params.version) : NaN;
  const result = await registerDataSchema({ type: params.type, version, ...input, actor: actorOf(caller, req) });
  return NextResponse.json(result, { status: result.status === "created" ? 201 : 200 });
});
