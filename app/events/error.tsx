"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

export default function EventError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorPanel title="Could not load this event" error={error} retry={retry} />;
}
