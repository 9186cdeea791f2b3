import type { Metadata } from "next";
import { NotBuiltYet } from "@/components/ui/not-built-yet";

export const metadata: Metadata = { title: "Projections" };

export default function ProjectionsPage() {
  return (
    <NotBuiltYet
      area="Projections"
      summary="Projections with their live version, and blue/green rebuilds partitioned by stream with progress and ETA: a preflight refuses replays the new version cannot read, a diff compares it with the live one, and promote and rollback are instant."
    />
  );
}
