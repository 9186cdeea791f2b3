import type { Metadata } from "next";
import { NotBuiltYet } from "@/components/ui/not-built-yet";
import { requirePagePermission } from "@/lib/auth/require-permission";

export const metadata: Metadata = { title: "Causation" };

export default async function CausationPage() {
  await requirePagePermission("events.read");
  return (
    <NotBuiltYet
      area="Causation"
      summary="The causation graph of each correlation, a type-level map of which event types cause which, and detection of cycles and runaway chains, so an infinite event loop (A causes B causes A) is found before it fills the store."
    />
  );
}
