import type { Metadata } from "next";
import { NotBuiltYet } from "@/components/ui/not-built-yet";
import { requirePagePermission } from "@/lib/auth/require-permission";

export const metadata: Metadata = { title: "Alerts" };

export default async function AlertsPage() {
  await requirePagePermission("events.read");
  return (
    <NotBuiltYet
      area="Alerts"
      summary="Rules on event volume (thresholds and anomalies against the same hour in earlier weeks), stream length since the last snapshot, causation loops and depth, projection lag, failed rebuilds and erasure deadlines. Alerts fire and resolve, can be acknowledged, and notify in the app and by signed webhook."
    />
  );
}
