import type { Metadata } from "next";
import { NotBuiltYet } from "@/components/ui/not-built-yet";
import { requirePagePermission } from "@/lib/auth/require-permission";

export const metadata: Metadata = { title: "Growth" };

export default async function GrowthPage() {
  await requirePagePermission("stats.read");
  return (
    <NotBuiltYet
      area="Growth"
      summary="Event growth from hourly rollups, per category and type, with forecasts and detection of streams that grow without bound. Snapshot policies and archiving of old events to cold storage keep replays short and the hot table small."
    />
  );
}
