// GET /api/health — liveness and readiness: the database answers, and a worker has beaten recently.
import { NextResponse } from "next/server";
import { getHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await getHealth();
  return NextResponse.json(health, { status: health.status === "ok" ? 200 : 503 });
}
