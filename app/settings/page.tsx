import type { Metadata } from "next";
import { NotBuiltYet } from "@/components/ui/not-built-yet";

export const metadata: Metadata = { title: "Settings" };

export default function SettingsPage() {
  return (
    <NotBuiltYet
      area="Settings"
      summary="Users and their roles, API tokens with scopes, and per-category store settings such as strict mode for unregistered types and causation limits."
    />
  );
}
