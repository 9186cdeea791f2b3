"use client";

import { ErrorPanel } from "@/components/ui/error-panel";

export default function ComplianceError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorPanel title="Could not load compliance" error={error} retry={retry} />;
}
