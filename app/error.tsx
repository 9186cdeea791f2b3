"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorPanel title="Could not load this page" error={error} retry={retry} />;
}
