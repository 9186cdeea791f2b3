// GET /api/v1/subjects/{subjectId}/export — subject access: everything held about a subject, in clear, as a JSON download (audited).
import { actorOf } from "@/lib/auth/caller";
import { exportSubjectData } from "@/lib/compliance/export-subject-data";
import { AppError } from "@/lib/errors";
import { apiHandler } from "@/lib/http/api-handler";

export const GET = apiHandler<{ subjectId: string }>("erasure.request", async ({ req, params, caller }) => {
  // Data in clear needs pii.read as well (a token with erasure:write alone is refused).
  if (!caller.permissions.has("pii.read")) throw new AppError("forbidden", "a subject access export shows personal data in clear: it needs the pii.read permission too", { permission: "pii.read" });
  const doc = await exportSubjectData({ subjectId: params.subjectId, actor: actorOf(caller, req) });
  return new Response(JSON.stringify(doc, null, 2), {
    headers: {
      "content-type": "application/json",
      "content-disposition": `attachment; filename="subject-access-${encodeURIComponent(params.subjectId)}.json"`,
      "cache-control": "no-store",
    },
  });
});
