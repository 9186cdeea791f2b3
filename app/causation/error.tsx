"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

export default function CausationError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorPanel title="Could not load causation" error={error} retry={retry} />;
}
