// GET/POST /api/v1/erasure-requests — list erasure requests (newest first, paged); record a new one.
import { NextResponse } from "next/server";
import { z } from "zod";
import { actorOf } from "@/lib/auth/caller";
import { createErasureRequest } from "@/lib/compliance/create-erasure-request";
import { listErasureRequests, requestResponse } from "@/lib/compliance/list-erasure-requests";
import { apiHandler } from "@/lib/http/api-handler";
import { readJsonBody } from "@/lib/http/read-json";

const query = z.object({
  limit: z.coerce.number().int().min(1).max(200).optional(),
  after: z.string().max(500).optional(),
});

export const GET = apiHandler("erasure.request", async ({ req }) => {
  const q = query.parse(Object.fromEntries(req.nextUrl.searchParams));
  const page = await listErasureRequests(q);
  return { requests: page.requests.map(requestResponse), next: page.next };
});

const body = z
  .object({
    subjectId: z.string().regex(/^[^\s:]{1,200}$/, "1–200 characters without spaces or colons"),
    reason: z.string().trim().min(3).max(2000),
    knownValues: z.array(z.string().trim().min(3).max(500)).max(20).optional(),
  })
  .strict();

export const POST = apiHandler("erasure.request", async ({ req, caller }) => {
  const input = body.parse(await readJsonBody(req));
  const r = await createErasureRequest({ ...input, actor: actorOf(caller, req) });
  return NextResponse.json(requestResponse(r), { status: 201 });
});
