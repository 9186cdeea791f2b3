// GET /api/v1/erasure-requests/{id} — one erasure request with its discovery, progress and verification.
import { buildCertificate } from "@/lib/compliance/erasure-certificate";
import { requireErasureRequest } from "@/lib/compliance/erasure-request";
import { requestResponse } from "@/lib/compliance/list-erasure-requests";
import { apiHandler } from "@/lib/http/api-handler";

export const GET = apiHandler<{ id: string }>("erasure.request", async ({ req, params }) => {
  const r = await requireErasureRequest(params.id);
  // ?certificate=1: the certificate as a JSON document (a download from the certificate page).
  if (req.nextUrl.searchParams.get("certificate")) {
    return new Response(JSON.stringify(buildCertificate(r), null, 2), {
      headers: { "content-type": "application/json", "content-disposition": `attachment; filename="erasure-certificate-${r.id}.json"` },
    });
  }
  return requestResponse(r);
});
