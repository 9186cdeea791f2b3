// GET /api/health — liveness and readiness: the database answers, and a worker has beaten recently;
// bootId names the server process that answered (new on every start), so a start knows it reached its own.
import { NextResponse } from "next/server";
import { getHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await getHealth();
  return NextResponse.json({ ...health, bootId: process.env.HINDSIGHT_BOOT_ID ?? null }, { status: health.status === "ok" ? 200 : 503 });
}
