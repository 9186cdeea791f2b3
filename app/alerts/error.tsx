"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

export default function AlertsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorPanel title="Could not load the alerts" error={error} retry={retry} />;
}
