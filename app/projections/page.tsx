import type { Metadata } from "next";
import { NotBuiltYet } from "@/components/ui/not-built-yet";
import { requirePagePermission } from "@/lib/auth/require-permission";

export const metadata: Metadata = { title: "Projections" };

export default async function ProjectionsPage() {
  await requirePagePermission("events.read");
  return (
    <NotBuiltYet
      area="Projections"
      summary="Projections with their live version, and blue/green rebuilds partitioned by stream with progress and ETA: a preflight refuses replays the new version cannot read, a diff compares it with the live one, and promote and rollback are instant."
    />
  );
}
