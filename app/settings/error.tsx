"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

export default function SettingsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorPanel title="Could not load settings" error={error} retry={retry} />;
}
