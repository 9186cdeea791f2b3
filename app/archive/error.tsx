"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

export default function ArchiveError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorPanel title="Could not load the archive" error={error} retry={retry} />;
}
