// GET /api/health — liveness and readiness: the database answers, and a worker has beaten recently;
// bootId names the server process that answered (new on every start), so a start knows it reached its own.
import { NextResponse } from "next/server";
import { authenticate, type Caller } from "@/lib/auth/caller";
import { getHealth } from "@/lib/health";
import { env } from "../../../lib/env";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  const health = await getHealth();
  // bootId names the server process that answered: a start knows it reached its own.
  const bootId = env("HINDSIGHT_BOOT_ID") ?? null;
  const status = health.status === "ok" ? 200 : 503;
  // Anyone may ask whether the console is up; only operators see why not (database errors name hosts and roles).
  if (!(await seesDetails(req))) return NextResponse.json({ status: health.status, bootId }, { status });
  return NextResponse.json({ ...health, bootId }, { status });
}

async function seesDetails(req: Request): Promise<boolean> {
  if (!req.headers.get("authorization") && !req.headers.get("cookie")) return false;
  let caller: Caller;
  try {
    caller = await authenticate(req);
  } catch {
    return false;
  }
  // A session of an operator, or a monitoring token (tokens are issued by admins and never exceed their owner).
  return caller.kind === "token" ? caller.permissions.has("stats.read") : caller.role === "ops" || caller.role === "admin";
}
