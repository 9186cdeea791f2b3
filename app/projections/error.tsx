"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

export default function ProjectionsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorPanel title="Could not load the projections" error={error} retry={retry} />;
}
