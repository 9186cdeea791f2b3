"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

export default function StreamError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorPanel title="Could not load this stream" error={error} retry={retry} />;
}
