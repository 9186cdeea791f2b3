"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

export default function GrowthError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorPanel title="Could not load growth" error={error} retry={retry} />;
}
