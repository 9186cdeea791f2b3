"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

export default function StreamsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorPanel title="Could not load the streams" error={error} retry={retry} />;
}
