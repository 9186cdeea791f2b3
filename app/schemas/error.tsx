"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

export default function SchemasError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorPanel title="Could not load the schemas" error={error} retry={retry} />;
}
