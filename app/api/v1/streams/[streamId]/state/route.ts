// GET /api/v1/streams/{streamId}/state?version=|at= — the stream's state as of a version or a time (time travel).
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { apiHandler } from "@/lib/http/api-handler";
import { assertStreamId } from "@/lib/store/stream-id";
import { getStateAt, stateResponse } from "@/lib/stream-state/get-state-at";
import { parsePoint } from "@/lib/stream-state/state-point";

type Params = { streamId: string };

const query = z.object({ version: z.string().optional(), at: z.string().optional() });

export const GET = apiHandler<Params>("events.read", async ({ req, params, caller }) => {
  assertStreamId(params.streamId);
  const q = query.parse(Object.fromEntries(req.nextUrl.searchParams));
  if (q.version !== undefined && q.at !== undefined) {
    throw new AppError("validation_failed", "give either version or at, not both", { field: "at" });
  }
  const version = q.version === undefined ? undefined : parsePoint(q.version, "version");
  if (version && !("version" in version)) throw new AppError("validation_failed", "version must be a whole number", { field: "version" });
  const at = q.at === undefined ? undefined : parsePoint(q.at, "at");
  if (at && !("at" in at)) throw new AppError("validation_failed", "at must be an RFC 3339 time (use version= for a version)", { field: "at" });
  return stateResponse(await getStateAt({ streamId: params.streamId, target: version ?? at, pii: caller.pii }));
});
